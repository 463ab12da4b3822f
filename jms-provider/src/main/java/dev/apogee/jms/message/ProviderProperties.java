package dev.apogee.jms.message;

import dev.apogee.selector.jms.JmsWire;

/**
 * The RocketMQ properties the provider writes, each named {@value #PREFIX}... (Jakarta Messaging's
 * space for provider properties, {@code JMS_<vendor>_}), so that a native RocketMQ consumer can tell
 * them from the application's. Every one is optional: a message without them (from a native producer)
 * is read with the defaults the module README lists. The README's mapping table is the reference. The
 * names the broker reads too (to evaluate JMS selectors) are defined once, in {@link JmsWire}.
 */
public final class ProviderProperties {

    /** The prefix of every provider property. */
    public static final String PREFIX = JmsWire.PREFIX;
    /** The body type: {@code message, text, bytes, map, stream, object}; absent: bytes. */
    public static final String BODY_TYPE = PREFIX + "BodyType";
    /** Set when the body is absent ({@code null}) or empty ({@code empty}): the stored body is then a placeholder. */
    public static final String NO_BODY = PREFIX + "NoBody";
    /** The JMS types of the user properties that are not Strings: {@code name:T,name:T}. */
    public static final String TYPES = JmsWire.TYPES;
    /** The destination's kind: {@code queue, topic, temp-queue, temp-topic}; the name is the topic. */
    public static final String DESTINATION_KIND = PREFIX + "DestinationKind";
    /** JMSReplyTo as {@code kind:name}. */
    public static final String REPLY_TO = PREFIX + "ReplyTo";
    /** JMSDeliveryMode, {@code 1} (non-persistent) or {@code 2}; absent: 2. */
    public static final String DELIVERY_MODE = JmsWire.DELIVERY_MODE;
    /** JMSPriority 0..9; absent: 4. */
    public static final String PRIORITY = JmsWire.PRIORITY;
    /** JMSExpiration (ms since the epoch); absent: 0, never. */
    public static final String EXPIRATION = PREFIX + "Expiration";
    /** JMSDeliveryTime (ms since the epoch) when it differs from the timestamp; absent: JMSTimestamp. */
    public static final String DELIVERY_TIME = PREFIX + "DeliveryTime";
    /** JMSTimestamp when it is not the born timestamp, i.e. {@code 0} when the producer disabled timestamps. */
    public static final String TIMESTAMP = JmsWire.TIMESTAMP;
    /** JMSCorrelationID, exactly (it is also a KEYS entry when it can be one). */
    public static final String CORRELATION_ID = JmsWire.CORRELATION_ID;
    /** JMSType when it cannot be a RocketMQ tag (blank, or with control characters). */
    public static final String TYPE = JmsWire.TYPE;
    /**
     * The message's RocketMQ keys, space-separated: shown on received messages, and a property an
     * application may set to add keys to a message it sends (the correlation id is added by itself).
     */
    public static final String KEYS = PREFIX + "Keys";
    /** The prefix of an escaped user property name (one RocketMQ reserves or refuses). */
    public static final String ESCAPED = JmsWire.ESCAPED;

    private ProviderProperties() {
    }
}
