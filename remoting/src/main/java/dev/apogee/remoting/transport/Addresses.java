package dev.apogee.remoting.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The {@code host:port} strings that the protocol uses for addresses. */
public final class Addresses {

    private Addresses() {
    }

    /** {@code ip:port} of a socket address, or {@code "unknown"}. */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return address == null ? "unknown" : address.toString();
    }

    /** {@code ip:port} of the channel's peer. */
    public static String remote(Channel channel) {
        return format(channel.remoteAddress());
    }

    /**
     * Parses {@code host:port} (the port after the last colon, so bare IPv6 literals work too).
     *
     * @throws IllegalArgumentException if there is no port or it is not a number in range
     */
    public static InetSocketAddress parse(String address) {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        String trimmed = address.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address '" + address + "' has port out of range");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
