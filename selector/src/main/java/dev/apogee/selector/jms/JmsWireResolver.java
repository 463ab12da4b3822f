package dev.apogee.selector.jms;

import dev.apogee.selector.PropertyResolver;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The values a JMS selector sees on a message stored by Apogee's JMS provider, read straight from its
 * RocketMQ properties: what lets the broker evaluate a JMS selector with the JMS dialect exactly as the
 * provider does on the received message.
 *
 * <p>The selector must name properties by their wire names (the provider rewrites a selector's
 * identifiers before it sends it: a name RocketMQ reserves becomes {@value JmsWire#ESCAPED}{@code name}).
 * The six header identifiers a selector may use (Jakarta Messaging 3.8.1.1) are computed as the provider
 * computes them on receipt; every other identifier is a property, typed again through
 * {@value JmsWire#TYPES}, so {@code amount > 10} compares numbers only when the sender wrote a number.
 *
 * <p>One instance per message and evaluation; not thread-safe (the type map is parsed on first need).
 */
public final class JmsWireResolver implements PropertyResolver {

    private final Function<String, String> properties;
    private final long bornTimestamp;
    private final Supplier<String> offsetMessageId;
    private Map<String, Character> types;

    /**
     * @param properties      the message's RocketMQ properties by name (null when absent)
     * @param bornTimestamp   the message's born timestamp
     * @param offsetMessageId the message's offset id, asked for only when it has no unique client id
     */
    public JmsWireResolver(Function<String, String> properties, long bornTimestamp, Supplier<String> offsetMessageId) {
        this.properties = properties;
        this.bornTimestamp = bornTimestamp;
        this.offsetMessageId = offsetMessageId;
    }

    @Override
    public Object value(String name) {
        return switch (name) {
            case "JMSDeliveryMode" -> JmsWire.longOr(properties.apply(JmsWire.DELIVERY_MODE), JmsWire.PERSISTENT)
                    == JmsWire.NON_PERSISTENT ? "NON_PERSISTENT" : "PERSISTENT";
            case "JMSPriority" -> priority();
            case "JMSMessageID" -> messageId();
            case "JMSTimestamp" -> JmsWire.longOr(properties.apply(JmsWire.TIMESTAMP), bornTimestamp);
            case "JMSCorrelationID" -> decoded(properties.apply(JmsWire.CORRELATION_ID));
            case "JMSType" -> {
                String type = properties.apply(JmsWire.TYPE);
                yield type != null ? JmsWire.decodeText(type) : properties.apply(JmsWire.TAGS);
            }
            default -> property(name);
        };
    }

    private int priority() {
        long priority = JmsWire.longOr(properties.apply(JmsWire.PRIORITY), JmsWire.DEFAULT_PRIORITY);
        return priority >= 0 && priority <= 9 ? (int) priority : JmsWire.DEFAULT_PRIORITY;
    }

    private String messageId() {
        String unique = properties.apply(JmsWire.UNIQUE_KEY);
        String id = unique != null ? unique : offsetMessageId.get();
        return id == null ? null : "ID:" + id;
    }

    private Object property(String wireName) {
        String text = properties.apply(wireName);
        if (text == null) {
            return null;
        }
        if (types == null) {
            types = JmsWire.parseTypes(properties.apply(JmsWire.TYPES));
        }
        Character type = types.get(wireName);
        if (type == null) {
            return text;
        }
        try {
            return JmsWire.typedValue(type, text);
        } catch (NumberFormatException e) {
            return text;   // not written by the provider: the provider reads it as the String, so do we
        }
    }

    private static String decoded(String text) {
        return text == null ? null : JmsWire.decodeText(text);
    }
}
