package dev.apogee.client.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * This machine's address as clients name themselves with it (in client ids and unique message ids):
 * the first site-local IPv4 address of an interface that is up, else any non-loopback IPv4 address,
 * else the loopback address. Looked up once.
 */
public final class LocalHost {

    private static final InetAddress ADDRESS = find();

    private LocalHost() {
    }

    /** The address. */
    public static InetAddress address() {
        return ADDRESS;
    }

    /** The address as text, e.g. {@code 192.168.1.20}. */
    public static String ip() {
        return ADDRESS.getHostAddress();
    }

    /** This process's id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    private static InetAddress find() {
        InetAddress fallback = null;
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!(address instanceof Inet4Address) || address.isLoopbackAddress()) {
                        continue;
                    }
                    if (address.isSiteLocalAddress()) {
                        return address;
                    }
                    if (fallback == null) {
                        fallback = address;
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list (a locked-down container): the loopback address still identifies us locally.
        }
        return fallback != null ? fallback : InetAddress.getLoopbackAddress();
    }
}
