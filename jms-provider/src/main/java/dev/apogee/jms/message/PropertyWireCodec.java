package dev.apogee.jms.message;

import dev.apogee.client.message.SystemProperties;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.selector.jms.JmsWire;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * User properties to RocketMQ properties and back, keeping their JMS types.
 *
 * <p>Every value is written as its plain {@code toString()} ({@code 42}, {@code true}, {@code 1.5}), so
 * a native consumer reads the same text, and RocketMQ's broker-side SQL92 filter, which parses
 * property strings as numbers, still matches {@code amount > 100}. The type of every value that is
 * not a String goes in one extra property, {@link ProviderProperties#TYPES} ({@code amount:J,vip:Z}):
 * a prefix on the value itself would have hidden the number from native filters and readers. Types:
 * {@code Z} boolean, {@code B} byte, {@code S} short, {@code I} int, {@code J} long, {@code F} float,
 * {@code D} double, {@code N} null (value {@code null}), {@code X} a String that had to be escaped
 * (blank, or holding a separator: see {@link WireText#encodeValue}).
 *
 * <p>A name RocketMQ reserves ({@link SystemProperties}, plus the protocol names it does not list) or
 * refuses, or one that looks like Apogee's own, is written {@value ProviderProperties#ESCAPED} + the
 * name (escaped as {@link WireText#encodeName}), and read back as the name.
 */
final class PropertyWireCodec {

    private static final Logger LOG = LogManager.getLogger(PropertyWireCodec.class);

    /** Names the protocol gives meaning to that {@link SystemProperties} does not list. */
    private static final Set<String> OTHER_PROTOCOL_NAMES = Set.of(MessageProperties.TRANSACTION_ID,
            MessageProperties.CHECK_IMMUNITY_TIME_IN_SECONDS);

    private PropertyWireCodec() {
    }

    /** Writes {@code properties} (JMS names and values) into {@code wire}, with the type map if any is needed. */
    static void encode(Map<String, Object> properties, Map<String, String> wire) {
        StringBuilder types = new StringBuilder();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = wireName(property.getKey());
            Object value = property.getValue();
            char type = typeOf(value);
            String text;
            if (type == 0) {
                String string = (String) value;
                if (WireText.isSafe(string)) {
                    text = string;
                } else {
                    type = 'X';
                    text = WireText.encodeValue(string);
                }
            } else {
                text = String.valueOf(value);
            }
            wire.put(name, text);
            if (type != 0) {
                types.append(types.isEmpty() ? "" : ",").append(name).append(':').append(type);
            }
        }
        if (!types.isEmpty()) {
            wire.put(ProviderProperties.TYPES, types.toString());
        }
    }

    /** The user properties among {@code wire} (all RocketMQ properties of a message), typed again. */
    static Map<String, Object> decode(Map<String, String> wire) {
        Map<String, Character> types = JmsWire.parseTypes(wire.get(ProviderProperties.TYPES));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : wire.entrySet()) {
            String name = jmsName(property.getKey());
            if (name != null) {
                Character type = types.get(property.getKey());
                properties.put(name, type == null ? property.getValue() : typed(type, property.getValue(), name));
            }
        }
        return properties;
    }

    /** The RocketMQ name of the JMS property {@code name}. */
    static String wireName(String name) {
        String encoded = WireText.encodeName(name);
        if (!encoded.equals(name) || isProtocolName(name) || name.startsWith(ProviderProperties.PREFIX)) {
            return ProviderProperties.ESCAPED + encoded;
        }
        return name;
    }

    /** The JMS name of the RocketMQ property {@code wireName}, or null if it is not a user property. */
    static String jmsName(String wireName) {
        if (wireName.startsWith(ProviderProperties.ESCAPED)) {
            return WireText.decode(wireName.substring(ProviderProperties.ESCAPED.length()));
        }
        if (wireName.startsWith(ProviderProperties.PREFIX) || isProtocolName(wireName)) {
            return null;
        }
        return wireName;
    }

    private static boolean isProtocolName(String name) {
        return SystemProperties.isReserved(name) || OTHER_PROTOCOL_NAMES.contains(name);
    }

    /** The type letter of a value, 0 for a String. */
    private static char typeOf(Object value) {
        if (value == null) {
            return 'N';
        } else if (value instanceof Boolean) {
            return 'Z';
        } else if (value instanceof Byte) {
            return 'B';
        } else if (value instanceof Short) {
            return 'S';
        } else if (value instanceof Integer) {
            return 'I';
        } else if (value instanceof Long) {
            return 'J';
        } else if (value instanceof Float) {
            return 'F';
        } else if (value instanceof Double) {
            return 'D';
        }
        return 0;
    }

    /** The value of a typed property; one that does not parse (not written by us) stays a String. */
    private static Object typed(char type, String text, String name) {
        try {
            return JmsWire.typedValue(type, text);
        } catch (NumberFormatException e) {
            LOG.debug("Property {} typed {} has the value '{}', kept as a String", name, type, text);
            return text;
        }
    }
}
