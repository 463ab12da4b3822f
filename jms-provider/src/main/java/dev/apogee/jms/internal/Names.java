package dev.apogee.jms.internal;

/**
 * Makes arbitrary JMS names (client ids, subscription names, topic names with {@code %}) into parts of valid
 * RocketMQ group names ({@code [|a-zA-Z0-9_-]}): letters and digits stay, anything else becomes {@code _}
 * and four hex digits. Reversible and without {@code -}, so {@code -} can separate the parts.
 */
public final class Names {

    private Names() {
    }

    /** {@code name} with every character but ASCII letters and digits escaped. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else {
                out.append('_').append(String.format("%04x", (int) c));
            }
        }
        return out.toString();
    }
}
