package dev.apogee.jms.session;

import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTopic;
import dev.apogee.jms.message.ApogeeBytesMessage;
import dev.apogee.jms.message.ApogeeMapMessage;
import dev.apogee.jms.message.ApogeeMessage;
import dev.apogee.jms.message.ApogeeObjectMessage;
import dev.apogee.jms.message.ApogeeStreamMessage;
import dev.apogee.jms.message.ApogeeTextMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The part of a session that makes messages and destination objects: nothing but an open session is needed
 * for them (no broker is asked), so it is kept apart from the session's delivery and transaction logic.
 */
abstract class SessionMessages implements Session {

    /** @throws IllegalStateException if the session (or its connection) is closed */
    abstract void checkOpen() throws IllegalStateException;

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new ApogeeBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new ApogeeMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new ApogeeMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new ApogeeObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage message = createObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new ApogeeStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new ApogeeTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TextMessage message = createTextMessage();
        message.setText(text);
        return message;
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        return new ApogeeQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        return new ApogeeTopic(topicName);
    }
}
