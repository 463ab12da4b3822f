package dev.apogee.jms.consumer;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** What a selector identifier means on a message: a header (Jakarta Messaging 3.8.1.1) or a property. */
final class HeaderValues {

    private HeaderValues() {
    }

    static Object of(Message message, String name) {
        try {
            return switch (name) {
                case "JMSDeliveryMode" -> message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT
                        ? "PERSISTENT" : "NON_PERSISTENT";
                case "JMSPriority" -> message.getJMSPriority();
                case "JMSMessageID" -> message.getJMSMessageID();
                case "JMSTimestamp" -> message.getJMSTimestamp();
                case "JMSCorrelationID" -> message.getJMSCorrelationID();
                case "JMSType" -> message.getJMSType();
                default -> message.getObjectProperty(name);
            };
        } catch (JMSException e) {
            return null;
        }
    }
}
