package dev.apogee.remoting.transport;

import dev.apogee.remoting.codec.FrameLayout;
import dev.apogee.remoting.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RemotingClient}, fixed once it starts.
 *
 * @param name           what the client is called in thread names and logs
 * @param ioThreads      event-loop threads of a group of its own, or {@link #SHARED_IO} for the process's
 *                       {@link SharedEventLoops}
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param maxFrameLength largest frame accepted from servers
 * @param idleTimeout    a connection with no traffic for this long is closed; zero disables
 * @param maxInFlight    requests (and, separately, oneway writes) outstanding at once
 * @param tls            TLS settings
 */
public record ClientConfig(String name, int ioThreads, Duration connectTimeout, int maxFrameLength,
                           Duration idleTimeout, int maxInFlight, TlsConfig tls) {

    /** {@code ioThreads} of a client on the process's shared event loops. */
    public static final int SHARED_IO = 0;

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        if (ioThreads < SHARED_IO || maxInFlight < 1) {
            throw new IllegalArgumentException("ioThreads must not be negative and maxInFlight must be positive");
        }
        if (maxFrameLength < FrameLayout.MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is too small");
        }
    }

    /** Defaults: the shared event loops, 3 s connect timeout, 16 MiB frames, 120 s idle close, TLS off. */
    public static ClientConfig defaults(String name) {
        return new ClientConfig(name, SHARED_IO, Duration.ofSeconds(3), FrameLayout.DEFAULT_MAX_FRAME_LENGTH,
                Duration.ofSeconds(120), 65_535, TlsConfig.DISABLED);
    }

    public ClientConfig withTls(TlsConfig newTls) {
        return new ClientConfig(name, ioThreads, connectTimeout, maxFrameLength, idleTimeout, maxInFlight, newTls);
    }

    public ClientConfig withIdleTimeout(Duration timeout) {
        return new ClientConfig(name, ioThreads, connectTimeout, maxFrameLength, timeout, maxInFlight, tls);
    }

    public ClientConfig withMaxInFlight(int max) {
        return new ClientConfig(name, ioThreads, connectTimeout, maxFrameLength, idleTimeout, max, tls);
    }
}
