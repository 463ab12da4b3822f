package dev.apogee.jms.message;

import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.selector.jms.JmsWire;

/**
 * Reversible escaping of text for RocketMQ properties, whose names and values must not be blank nor
 * contain the separators {@code \u0001} and {@code \u0002}. An escaped character is written
 * {@code %XXXX} (four hex digits of the UTF-16 unit), so an escaped text stays readable.
 */
final class WireText {

    private WireText() {
    }

    /** Whether RocketMQ takes {@code text} as a property name or value unchanged. */
    static boolean isSafe(String text) {
        return text != null && !text.isBlank() && text.indexOf(MessageProperties.NAME_VALUE_SEPARATOR) < 0
                && text.indexOf(MessageProperties.PROPERTY_SEPARATOR) < 0;
    }

    /** Whether {@code text} can be a RocketMQ key: safe and without the space that separates keys. */
    static boolean isKey(String text) {
        return isSafe(text) && !text.contains(MessageProperties.KEY_SEPARATOR);
    }

    /**
     * Any text as a safe property value: {@code %} and the separators escaped, and every whitespace
     * character too if the text is blank; the empty string is a lone {@code %}.
     */
    static String encodeValue(String text) {
        if (text.isEmpty()) {
            return "%";
        }
        boolean blank = text.isBlank();
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == MessageProperties.NAME_VALUE_SEPARATOR || c == MessageProperties.PROPERTY_SEPARATOR
                    || (blank && Character.isWhitespace(c))) {
                escape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A property name that is safe and cannot be mistaken for the type map's separators: {@code %},
     * {@code :}, {@code ,} and control characters escaped.
     */
    static String encodeName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' || c == ':' || c == ',' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                escape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text {@link #encodeValue} or {@link #encodeName} was given; malformed escapes are kept as they are. */
    static String decode(String encoded) {
        return JmsWire.decodeText(encoded);
    }

    private static void escape(StringBuilder out, char c) {
        out.append('%').append(String.format("%04X", (int) c));
    }
}
