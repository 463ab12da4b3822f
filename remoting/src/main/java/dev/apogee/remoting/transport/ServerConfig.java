package dev.apogee.remoting.transport;

import dev.apogee.remoting.codec.FrameLayout;
import dev.apogee.remoting.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RemotingServer}, fixed once it starts.
 *
 * @param name             what the server is called in thread names and logs
 * @param bindAddress      address to listen on ("0.0.0.0" for all)
 * @param port             port to listen on; 0 picks a free one
 * @param ioThreads        event-loop threads for the accepted connections
 * @param maxFrameLength   largest frame accepted; a larger one closes its connection
 * @param idleTimeout      a connection with no traffic for this long is closed; zero disables
 * @param shutdownTimeout  how long a graceful shutdown waits for requests in progress
 * @param maxInFlight      requests this server may have outstanding towards its clients
 * @param tls              TLS settings
 */
public record ServerConfig(String name, String bindAddress, int port, int ioThreads, int maxFrameLength,
                           Duration idleTimeout, Duration shutdownTimeout, int maxInFlight, TlsConfig tls) {

    public ServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        if (ioThreads < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("ioThreads and maxInFlight must be positive");
        }
        if (maxFrameLength < FrameLayout.MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is too small");
        }
    }

    /** Defaults: all interfaces, 120 s idle close, 16 MiB frames, 3 I/O threads, TLS off. */
    public static ServerConfig defaults(String name, int port) {
        return new ServerConfig(name, "0.0.0.0", port, 3, FrameLayout.DEFAULT_MAX_FRAME_LENGTH,
                Duration.ofSeconds(120), Duration.ofSeconds(10), 65_535, TlsConfig.DISABLED);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(name, address, port, ioThreads, maxFrameLength, idleTimeout, shutdownTimeout,
                maxInFlight, tls);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(name, bindAddress, newPort, ioThreads, maxFrameLength, idleTimeout, shutdownTimeout,
                maxInFlight, tls);
    }

    public ServerConfig withMaxFrameLength(int length) {
        return new ServerConfig(name, bindAddress, port, ioThreads, length, idleTimeout, shutdownTimeout,
                maxInFlight, tls);
    }

    public ServerConfig withIdleTimeout(Duration timeout) {
        return new ServerConfig(name, bindAddress, port, ioThreads, maxFrameLength, timeout, shutdownTimeout,
                maxInFlight, tls);
    }

    public ServerConfig withShutdownTimeout(Duration timeout) {
        return new ServerConfig(name, bindAddress, port, ioThreads, maxFrameLength, idleTimeout, timeout,
                maxInFlight, tls);
    }

    public ServerConfig withTls(TlsConfig newTls) {
        return new ServerConfig(name, bindAddress, port, ioThreads, maxFrameLength, idleTimeout, shutdownTimeout,
                maxInFlight, newTls);
    }
}
