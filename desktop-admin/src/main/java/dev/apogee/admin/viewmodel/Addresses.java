package dev.apogee.admin.viewmodel;

import java.util.ArrayList;
import java.util.List;

/** Reads the name-server field: {@code host:port} entries separated by {@code ;}, {@code ,} or white space. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The addresses in {@code text}.
     *
     * @throws IllegalArgumentException with a message for the user naming the first bad entry
     */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter at least one name server address (host:port)");
        }
        List<String> addresses = new ArrayList<>();
        for (String entry : text.trim().split("[;,\\s]+")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not host:port");
            }
            String host = entry.substring(0, colon);
            if (host.startsWith("[") != host.endsWith("]") || !host.matches("[A-Za-z0-9._\\-\\[\\]:%]+")) {
                throw new IllegalArgumentException("'" + host + "' in '" + entry + "' is not a host name or address");
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port in '" + entry + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port in '" + entry + "' is not between 1 and 65535");
            }
            if (!addresses.contains(entry)) {
                addresses.add(entry);
            }
        }
        return addresses;
    }
}
