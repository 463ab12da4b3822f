package dev.apogee.selector.jms;

import java.util.HashMap;
import java.util.Map;

/**
 * How Apogee's Jakarta Messaging provider writes a JMS message's headers and typed properties into
 * RocketMQ properties, read side: the names of the provider properties and the decoding of escaped
 * text and typed values. It lives here, beside the selector engine, because two parties read it: the
 * provider, when it turns a received message back into a JMS message, and the broker, when it evaluates
 * a JMS selector ({@link JmsWireResolver}) without the provider's classes. One definition keeps the two
 * from drifting apart.
 */
public final class JmsWire {

    /** The prefix of every provider property ({@code JMS_<vendor>_}, the space the specification reserves). */
    public static final String PREFIX = "JMS_Apogee_";
    /** The JMS types of the user properties that are not Strings: {@code wireName:T,wireName:T}. */
    public static final String TYPES = PREFIX + "Types";
    /** JMSDeliveryMode, {@code 1} (non-persistent) or {@code 2}; absent: 2. */
    public static final String DELIVERY_MODE = PREFIX + "DeliveryMode";
    /** JMSPriority 0..9; absent: 4. */
    public static final String PRIORITY = PREFIX + "Priority";
    /** JMSTimestamp when it is not the born timestamp ({@code 0} when the producer disabled timestamps). */
    public static final String TIMESTAMP = PREFIX + "Timestamp";
    /** JMSCorrelationID, escaped like a String value. */
    public static final String CORRELATION_ID = PREFIX + "CorrelationID";
    /** JMSType when it cannot be a RocketMQ tag; otherwise the tags are the type. */
    public static final String TYPE = PREFIX + "Type";
    /** The prefix of an escaped user property name (one RocketMQ reserves or refuses). */
    public static final String ESCAPED = PREFIX + "P_";

    /** RocketMQ's tags property, which holds JMSType. */
    public static final String TAGS = "TAGS";
    /** RocketMQ's unique client message id, which JMSMessageID is made of. */
    public static final String UNIQUE_KEY = "UNIQ_KEY";

    /** JMS priority when none is written. */
    public static final int DEFAULT_PRIORITY = 4;
    /** {@code jakarta.jms.DeliveryMode.NON_PERSISTENT}, without depending on the API. */
    public static final int NON_PERSISTENT = 1;
    /** {@code jakarta.jms.DeliveryMode.PERSISTENT}. */
    public static final int PERSISTENT = 2;

    private JmsWire() {
    }

    /**
     * The text that the provider escaped ({@code %XXXX} per escaped UTF-16 unit; a lone {@code %} is the
     * empty string); malformed escapes are kept as they are.
     */
    public static String decodeText(String encoded) {
        if (encoded.equals("%")) {
            return "";
        }
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 5 <= encoded.length()) {
                try {
                    out.append((char) Integer.parseInt(encoded, i + 1, i + 5, 16));
                    i += 4;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the '%'
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The type map of {@link #TYPES} (wire name to type letter); null or malformed entries give nothing. */
    public static Map<String, Character> parseTypes(String text) {
        Map<String, Character> types = new HashMap<>();
        if (text == null) {
            return types;
        }
        int start = 0;
        while (start < text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            int colon = end - 2;
            if (colon > start && text.charAt(colon) == ':') {
                types.put(text.substring(start, colon), text.charAt(colon + 1));
            }
            start = end + 1;
        }
        return types;
    }

    /**
     * The JMS value of a typed property: {@code Z} boolean, {@code B} byte, {@code S} short, {@code I} int,
     * {@code J} long, {@code F} float, {@code D} double, {@code N} null, {@code X} an escaped String.
     *
     * @throws NumberFormatException if the text is not a number of its type (the caller decides)
     */
    public static Object typedValue(char type, String text) {
        return switch (type) {
            case 'N' -> null;
            case 'Z' -> Boolean.valueOf(text);
            case 'B' -> Byte.valueOf(text);
            case 'S' -> Short.valueOf(text);
            case 'I' -> Integer.valueOf(text);
            case 'J' -> Long.valueOf(text);
            case 'F' -> Float.valueOf(text);
            case 'D' -> Double.valueOf(text);
            case 'X' -> decodeText(text);
            default -> text;
        };
    }

    /** A provider property read as a long, or {@code otherwise} when absent or not a number. */
    public static long longOr(String text, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
