package dev.apogee.remoting.testing;

import dev.apogee.remoting.codec.FrameLayout;
import dev.apogee.remoting.tls.TlsConfig;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingServer;
import dev.apogee.remoting.transport.ServerConfig;
import java.time.Duration;

/** Endpoint settings for tests: loopback only, a free port, few threads (test machines are small). */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** A server on 127.0.0.1 and a free port, 2 I/O threads, 5 s shutdown drain, no idle close. */
    public static ServerConfig server(String name) {
        return new ServerConfig(name, HOST, 0, 2, FrameLayout.DEFAULT_MAX_FRAME_LENGTH, Duration.ZERO,
                Duration.ofSeconds(5), 1024, TlsConfig.DISABLED);
    }

    /** A client with 1 I/O thread, 2 s connect timeout and no idle close. */
    public static ClientConfig client(String name) {
        return new ClientConfig(name, 1, Duration.ofSeconds(2), FrameLayout.DEFAULT_MAX_FRAME_LENGTH, Duration.ZERO,
                1024, TlsConfig.DISABLED);
    }

    /** {@code 127.0.0.1:port} of a started server. */
    public static String address(RemotingServer server) {
        return HOST + ":" + server.port();
    }
}
