package dev.apogee.jms.message;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.time.Duration;

/**
 * The mapping between JMS messages and RocketMQ messages (the module README has the table): the two
 * functions the runtime calls, one per direction. Neither changes its argument. Thread-safe.
 *
 * <pre>{@code
 * MessageMapper mapper = new MessageMapper(trust);
 * // send: after setting JMSDestination, JMSDeliveryMode, JMSPriority, JMSExpiration, JMSTimestamp, JMSDeliveryTime
 * SendResult sent = producer.send(mapper.toClientMessage(jmsMessage, deliveryDelay));
 * jmsMessage.setJMSMessageID(MessageMapper.messageId(sent.messageId()));
 * // receive
 * ApogeeMessage received = mapper.fromReceived(popped, consumerDestination); // read-only, JMSXDeliveryCount set
 * received.setAcknowledger(session::acknowledgeAll);                      // CLIENT_ACKNOWLEDGE only
 * }</pre>
 */
public final class MessageMapper {

    /** What a JMSMessageID starts with, as the specification requires. */
    public static final String ID_PREFIX = "ID:";

    private final ObjectMessageTrust trust;

    /** A mapper whose received ObjectMessages trust {@code trust}. */
    public MessageMapper(ObjectMessageTrust trust) {
        this.trust = trust;
    }

    /**
     * The RocketMQ property name under which the user property {@code name} is stored: the name itself,
     * or {@value ProviderProperties#ESCAPED} + the escaped name when RocketMQ reserves or refuses it.
     */
    public static String wireName(String name) {
        return PropertyWireCodec.wireName(name);
    }

    /** The JMSMessageID of the message with RocketMQ's unique client id {@code uniqueId}: {@code ID:} + it. */
    public static String messageId(String uniqueId) {
        return uniqueId == null ? null : ID_PREFIX + uniqueId;
    }

    /**
     * {@code message} (Apogee's or another provider's) as a RocketMQ message for its JMSDestination,
     * delivered at its JMSDeliveryTime when {@code deliveryDelay} is positive (a timer message).
     *
     * @throws jakarta.jms.InvalidDestinationException if it has no destination, or one not a valid topic name
     * @throws jakarta.jms.MessageFormatException      if RocketMQ cannot carry it (e.g. a key with a control character)
     */
    public Message toClientMessage(jakarta.jms.Message message, Duration deliveryDelay) throws JMSException {
        ApogeeMessage apogee = ForeignMessages.toApogee(message, trust);
        return OutboundMapping.toClientMessage(apogee, deliveryDelay != null && deliveryDelay.toMillis() > 0);
    }

    /**
     * As {@link #toClientMessage(jakarta.jms.Message, Duration)}, the delay read from the headers: a
     * timer message when JMSDeliveryTime is after a non-zero JMSTimestamp. A producer with timestamps
     * disabled must pass the delay instead.
     */
    public Message toClientMessage(jakarta.jms.Message message) throws JMSException {
        ApogeeMessage apogee = ForeignMessages.toApogee(message, trust);
        return OutboundMapping.toClientMessage(apogee, OutboundMapping.hasDelay(apogee));
    }

    /**
     * {@code view} as the JMS message type it was sent as (a BytesMessage, or a TextMessage when marked,
     * for a native producer's): headers from the provider properties, user properties typed again,
     * JMSXDeliveryCount from the reconsume times, body and properties read-only.
     *
     * @param receivedFrom the destination it was consumed from: the JMSDestination of a message that
     *                     does not record one (a native producer's); may be null (a topic is assumed)
     * @throws jakarta.jms.MessageFormatException if a map or stream body is corrupt
     */
    public ApogeeMessage fromView(MessageView view, Destination receivedFrom) throws JMSException {
        return InboundMapping.fromView(view, receivedFrom, trust);
    }

    /** As {@link #fromView}, the delivery count from the pop receipt's redeliveries. */
    public ApogeeMessage fromReceived(ReceivedMessage received, Destination receivedFrom) throws JMSException {
        ApogeeMessage message = InboundMapping.fromView(received.message(), receivedFrom, trust);
        message.setDeliveryCount(received.redeliveries() + 1);
        return message;
    }
}
