package dev.apogee.jms.message;

import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/**
 * Another provider's message as an Apogee one, so that it can be sent (the specification requires a
 * provider to send foreign messages). Headers, properties and body are copied; a bytes or stream
 * body is read from its start, which leaves the foreign message reset to reading, as the
 * specification allows.
 */
public final class ForeignMessages {

    private ForeignMessages() {
    }

    /** {@code message} itself if it is Apogee's, else a copy of it. */
    public static ApogeeMessage toApogee(Message message, ObjectMessageTrust trust) throws JMSException {
        if (message instanceof ApogeeMessage apogee) {
            return apogee;
        }
        ApogeeMessage copy = body(message, trust);
        copy.setJMSMessageID(message.getJMSMessageID());
        copy.setJMSTimestamp(message.getJMSTimestamp());
        copy.setJMSCorrelationID(message.getJMSCorrelationID());
        copy.setJMSReplyTo(DestinationCodec.toApogee(message.getJMSReplyTo()));
        copy.setJMSDestination(DestinationCodec.toApogee(message.getJMSDestination()));
        copy.setJMSDeliveryMode(message.getJMSDeliveryMode());
        copy.setJMSType(message.getJMSType());
        copy.setJMSExpiration(message.getJMSExpiration());
        copy.setJMSDeliveryTime(message.getJMSDeliveryTime());
        copy.setJMSPriority(message.getJMSPriority());
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            boolean providerSet = name.startsWith("JMSX") && !name.equals(PropertyNames.JMSX_GROUP_ID)
                    && !name.equals(PropertyNames.JMSX_GROUP_SEQ);
            if (!providerSet) {
                // The other provider checked the name already; its value types are the same as ours.
                copy.putProviderProperty(name, message.getObjectProperty(name));
            }
        }
        return copy;
    }

    private static ApogeeMessage body(Message message, ObjectMessageTrust trust) throws JMSException {
        if (message instanceof TextMessage text) {
            return new ApogeeTextMessage(text.getText());
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            ApogeeBytesMessage copy = new ApogeeBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        if (message instanceof MapMessage map) {
            ApogeeMapMessage copy = new ApogeeMapMessage();
            for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (message instanceof StreamMessage stream) {
            stream.reset();
            ApogeeStreamMessage copy = new ApogeeStreamMessage();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException end) {
                // every field copied
            }
            return copy;
        }
        if (message instanceof ObjectMessage object) {
            ApogeeObjectMessage copy = new ApogeeObjectMessage(trust);
            copy.setObject(object.getObject());
            return copy;
        }
        return new ApogeeMessage();
    }
}
