package dev.apogee.anchors;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports on 127.0.0.1 that nothing listens on now. A port found free can still be taken before the
 * server binds it; the servers then fail to start and say so, which is rare enough on a test machine.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port the system picked as free. */
    public static int any() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /**
     * A port {@code p} with {@code p - below .. p + above} all free: the Apache broker also listens on
     * {@code p - 2} (its VIP channel) and {@code p + 1} (HA).
     */
    public static int withNeighbours(int below, int above) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = any();
            if (port - below < 1024 || port + above > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = port - below; p <= port + above && free; p++) {
                free = isFree(p);
            }
            if (free) {
                return port;
            }
        }
        throw new IOException("found no free port with " + below + " free below and " + above + " above it");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
