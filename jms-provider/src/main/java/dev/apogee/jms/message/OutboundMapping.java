package dev.apogee.jms.message;

import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.jms.ApogeeDestination;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** An Apogee JMS message as a native client {@link Message}; the README's table, sending side. */
final class OutboundMapping {

    /**
     * What is stored when the JMS body is absent or empty, since a RocketMQ body cannot be empty:
     * one space, harmless to a native consumer, with {@link ProviderProperties#NO_BODY} saying so.
     */
    static final byte[] PLACEHOLDER = {' '};

    private OutboundMapping() {
    }

    static Message toClientMessage(ApogeeMessage jms, boolean delayed) throws JMSException {
        ApogeeDestination destination = DestinationCodec.toApogee(jms.getJMSDestination());
        if (destination == null) {
            throw new InvalidDestinationException("the message has no JMSDestination (send sets it)");
        }
        Map<String, String> wire = new LinkedHashMap<>();
        wire.put(ProviderProperties.BODY_TYPE, jms.bodyType().wireName());
        byte[] body = body(jms, wire);
        wire.put(ProviderProperties.DESTINATION_KIND, destination.kind().wireName());
        headers(jms, wire);
        Map<String, Object> user = jms.propertyMap();
        Object extraKeys = user.remove(ProviderProperties.KEYS);
        user.remove(PropertyNames.JMSX_DELIVERY_COUNT); // the provider's, set anew on every delivery
        PropertyWireCodec.encode(user, wire);

        Message message;
        try {
            message = Message.of(destination.name(), body);
        } catch (InvalidMessageException e) {
            throw linked(new InvalidDestinationException("cannot send to " + destination + ": " + e.getMessage()), e);
        }
        try {
            String type = jms.getJMSType();
            if (type != null) {
                if (WireText.isSafe(type)) {
                    message = message.tags(type);
                } else {
                    wire.put(ProviderProperties.TYPE, WireText.encodeValue(type));
                }
            }
            Set<String> keys = keys(jms.getJMSCorrelationID(), extraKeys);
            if (!keys.isEmpty()) {
                message = message.keys(keys);
            }
            message = message.properties(wire);
            if (delayed) {
                message = message.deliverAt(Instant.ofEpochMilli(jms.getJMSDeliveryTime()));
            }
        } catch (InvalidMessageException e) {
            throw linked(new MessageFormatException("cannot map the message: " + e.getMessage()), e);
        }
        return message;
    }

    /** Whether the message asks for a delivery later than its send time. */
    static boolean hasDelay(ApogeeMessage jms) {
        long timestamp = jms.getJMSTimestamp();
        return timestamp > 0 && jms.getJMSDeliveryTime() > timestamp;
    }

    private static byte[] body(ApogeeMessage jms, Map<String, String> wire) throws JMSException {
        byte[] body;
        String none = null;
        switch (jms.bodyType()) {
            case TEXT -> {
                String text = ((ApogeeTextMessage) jms).getText();
                none = text == null ? "null" : text.isEmpty() ? "empty" : null;
                body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
            }
            case BYTES -> {
                body = ((ApogeeBytesMessage) jms).bodyBytes();
                none = body.length == 0 ? "empty" : null;
            }
            case MAP -> body = TypedCodec.encodeMap(((ApogeeMapMessage) jms).items());
            case STREAM -> body = TypedCodec.encodeStream(((ApogeeStreamMessage) jms).fields());
            case OBJECT -> {
                body = ((ApogeeObjectMessage) jms).serializedBody();
                none = body == null ? "null" : null;
            }
            default -> {
                body = null;
                none = "null";
            }
        }
        if (none != null) {
            wire.put(ProviderProperties.NO_BODY, none);
            return PLACEHOLDER;
        }
        return body;
    }

    /** The headers that travel as properties, each only when it is not the default a reader assumes. */
    private static void headers(ApogeeMessage jms, Map<String, String> wire) throws JMSException {
        ApogeeDestination replyTo = DestinationCodec.toApogee(jms.getJMSReplyTo());
        if (replyTo != null) {
            wire.put(ProviderProperties.REPLY_TO, DestinationCodec.encode(replyTo));
        }
        if (jms.getJMSDeliveryMode() != DeliveryMode.PERSISTENT) {
            wire.put(ProviderProperties.DELIVERY_MODE, Integer.toString(jms.getJMSDeliveryMode()));
        }
        if (jms.getJMSPriority() != jakarta.jms.Message.DEFAULT_PRIORITY) {
            wire.put(ProviderProperties.PRIORITY, Integer.toString(jms.getJMSPriority()));
        }
        if (jms.getJMSExpiration() != 0) {
            wire.put(ProviderProperties.EXPIRATION, Long.toString(jms.getJMSExpiration()));
        }
        if (jms.getJMSTimestamp() == 0) {
            wire.put(ProviderProperties.TIMESTAMP, "0");
        }
        if (jms.getJMSDeliveryTime() != 0 && jms.getJMSDeliveryTime() != jms.getJMSTimestamp()) {
            wire.put(ProviderProperties.DELIVERY_TIME, Long.toString(jms.getJMSDeliveryTime()));
        }
        if (jms.getJMSCorrelationID() != null) {
            wire.put(ProviderProperties.CORRELATION_ID, WireText.encodeValue(jms.getJMSCorrelationID()));
        }
    }

    /** The correlation id first when it can be a key (so a query by key finds it), then the application's keys. */
    private static Set<String> keys(String correlationId, Object extraKeys) throws MessageFormatException {
        Set<String> keys = new LinkedHashSet<>();
        if (correlationId != null && WireText.isKey(correlationId)) {
            keys.add(correlationId);
        }
        if (extraKeys != null) {
            for (String key : extraKeys.toString().split("\\s+")) {
                if (key.isEmpty()) {
                    continue;
                }
                if (!WireText.isKey(key)) {
                    throw new MessageFormatException("the key '" + key + "' in " + ProviderProperties.KEYS
                            + " holds a control character");
                }
                keys.add(key);
            }
        }
        return keys;
    }

    static <E extends JMSException> E linked(E failure, Exception cause) {
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }
}
