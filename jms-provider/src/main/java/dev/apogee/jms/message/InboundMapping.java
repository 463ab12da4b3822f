package dev.apogee.jms.message;

import dev.apogee.client.message.MessageView;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeTopic;
import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** A received {@link MessageView} as the JMS message it was sent as; the README's table, receiving side. */
final class InboundMapping {

    private static final Logger LOG = LogManager.getLogger(InboundMapping.class);

    private InboundMapping() {
    }

    static ApogeeMessage fromView(MessageView view, Destination receivedFrom, ObjectMessageTrust trust)
            throws JMSException {
        Map<String, String> wire = view.properties();
        String typeName = wire.get(ProviderProperties.BODY_TYPE);
        BodyType bodyType = typeName == null ? BodyType.BYTES : BodyType.ofWireName(typeName);
        if (bodyType == null) {
            LOG.warn("Message {} has the unknown body type '{}'; it is delivered as a BytesMessage",
                    view.messageId(), typeName);
            bodyType = BodyType.BYTES;
        }
        String none = wire.get(ProviderProperties.NO_BODY);
        ApogeeMessage message = body(bodyType, none, view.body(), trust);

        message.setJMSMessageID(MessageMapper.messageId(view.messageId()));
        long timestamp = longOr(wire, ProviderProperties.TIMESTAMP, view.bornTimestamp());
        message.setJMSTimestamp(timestamp);
        message.setJMSDestination(destination(view, wire, receivedFrom));
        message.setJMSReplyTo(DestinationCodec.decode(wire.get(ProviderProperties.REPLY_TO)));
        int mode = (int) longOr(wire, ProviderProperties.DELIVERY_MODE, DeliveryMode.PERSISTENT);
        message.setJMSDeliveryMode(mode == DeliveryMode.NON_PERSISTENT ? mode : DeliveryMode.PERSISTENT);
        int priority = (int) longOr(wire, ProviderProperties.PRIORITY, jakarta.jms.Message.DEFAULT_PRIORITY);
        message.setJMSPriority(priority >= 0 && priority <= 9 ? priority : jakarta.jms.Message.DEFAULT_PRIORITY);
        message.setJMSExpiration(longOr(wire, ProviderProperties.EXPIRATION, 0));
        message.setJMSDeliveryTime(longOr(wire, ProviderProperties.DELIVERY_TIME, timestamp));
        String correlation = wire.get(ProviderProperties.CORRELATION_ID);
        message.setJMSCorrelationID(correlation == null ? null : WireText.decode(correlation));
        String type = wire.get(ProviderProperties.TYPE);
        message.setJMSType(type != null ? WireText.decode(type) : view.tags());

        PropertyWireCodec.decode(wire).forEach(message::putProviderProperty);
        List<String> keys = new ArrayList<>(view.keys());
        if (message.getJMSCorrelationID() != null && WireText.isKey(message.getJMSCorrelationID())) {
            keys.remove(message.getJMSCorrelationID()); // the mapping added it; the application's keys remain
        }
        if (!keys.isEmpty()) {
            message.putProviderProperty(ProviderProperties.KEYS, String.join(" ", keys));
        }
        message.setDeliveryCount(view.reconsumeTimes() + 1);
        message.markReceived();
        return message;
    }

    private static ApogeeMessage body(BodyType type, String none, byte[] body, ObjectMessageTrust trust)
            throws JMSException {
        boolean absent = none != null;
        switch (type) {
            case MESSAGE:
                return new ApogeeMessage();
            case TEXT:
                return new ApogeeTextMessage(absent ? ("empty".equals(none) ? "" : null)
                        : new String(body, StandardCharsets.UTF_8));
            case MAP: {
                ApogeeMapMessage map = new ApogeeMapMessage();
                if (!absent) {
                    map.items().putAll(TypedCodec.decodeMap(body));
                }
                return map;
            }
            case STREAM: {
                ApogeeStreamMessage stream = new ApogeeStreamMessage();
                stream.setReceivedFields(absent ? List.of() : TypedCodec.decodeStream(body));
                return stream;
            }
            case OBJECT: {
                ApogeeObjectMessage object = new ApogeeObjectMessage(trust);
                object.setSerializedBody(absent ? null : body);
                return object;
            }
            default: {
                ApogeeBytesMessage bytes = new ApogeeBytesMessage();
                bytes.setReceivedBody(absent ? new byte[0] : body);
                return bytes;
            }
        }
    }

    /**
     * The destination: the recorded kind with the topic's name; for a message without one (a native
     * producer's), the destination the runtime received it from, else a topic of that name.
     */
    private static Destination destination(MessageView view, Map<String, String> wire, Destination receivedFrom)
            throws JMSException {
        ApogeeDestination.Kind kind = ApogeeDestination.Kind.ofWireName(wire.get(ProviderProperties.DESTINATION_KIND));
        if (kind != null) {
            return ApogeeDestination.of(kind, view.topic());
        }
        return receivedFrom != null ? DestinationCodec.toApogee(receivedFrom) : new ApogeeTopic(view.topic());
    }

    private static long longOr(Map<String, String> wire, String name, long otherwise) {
        String text = wire.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.debug("Property {} is '{}', not a number; using {}", name, text, otherwise);
            return otherwise;
        }
    }
}
