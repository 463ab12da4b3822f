package dev.apogee.jms.context;

import dev.apogee.jms.internal.JmsRuntime;
import dev.apogee.jms.message.ApogeeMessage;
import dev.apogee.jms.producer.ApogeeMessageProducer;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JMSProducer: an anonymous classic producer of its own (so its delivery delay and message-id/timestamp
 * settings are its own) plus the properties and headers it puts on every message it sends. The properties
 * live in a blank {@link ApogeeMessage}, so the JMSProducer's property rules and conversions are exactly
 * the message's.
 */
public class ApogeeJMSProducer implements JMSProducer {

    private final ApogeeJMSContext context;
    private final ApogeeMessageProducer producer;
    /** Holds the properties and the three headers a JMSProducer sets (correlation id, type, reply-to). */
    private final ApogeeMessage template = new ApogeeMessage();
    private boolean correlationIdAsBytes;
    private int deliveryMode = jakarta.jms.DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive;
    private CompletionListener async;

    ApogeeJMSProducer(ApogeeJMSContext context, ApogeeMessageProducer producer) {
        this.context = context;
        this.producer = producer;
    }

    // ----- Sends.

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("the message is null");
        }
        JmsRuntime.run(() -> {
            decorate(message);
            if (async != null) {
                producer.send(destination, message, deliveryMode, priority, timeToLive, async);
            } else {
                producer.send(destination, message, deliveryMode, priority, timeToLive);
            }
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, context.createTextMessage(body));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = context.createMapMessage();
        if (body != null) {
            JmsRuntime.run(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            JmsRuntime.run(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, context.createObjectMessage(body));
    }

    /** Puts this producer's properties and headers on {@code message} (they override the message's own). */
    private void decorate(Message message) throws JMSException {
        for (String name : Collections.list(template.getPropertyNames())) {
            message.setObjectProperty(name, template.getObjectProperty(name));
        }
        if (template.getJMSCorrelationID() != null) {
            if (correlationIdAsBytes) {
                message.setJMSCorrelationIDAsBytes(template.getJMSCorrelationIDAsBytes());
            } else {
                message.setJMSCorrelationID(template.getJMSCorrelationID());
            }
        }
        if (template.getJMSType() != null) {
            message.setJMSType(template.getJMSType());
        }
        if (template.getJMSReplyTo() != null) {
            message.setJMSReplyTo(template.getJMSReplyTo());
        }
    }

    // ----- Send options.

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        JmsRuntime.run(() -> producer.setDisableMessageID(value));
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return JmsRuntime.call(producer::getDisableMessageID);
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        JmsRuntime.run(() -> producer.setDisableMessageTimestamp(value));
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return JmsRuntime.call(producer::getDisableMessageTimestamp);
    }

    @Override
    public JMSProducer setDeliveryMode(int mode) {
        // The classic producer checks the value (and that it is open); the JMSProducer keeps its own copy.
        JmsRuntime.run(() -> producer.setDeliveryMode(mode));
        deliveryMode = mode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int value) {
        JmsRuntime.run(() -> producer.setPriority(value));
        priority = value;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long value) {
        JmsRuntime.run(() -> producer.setTimeToLive(value));
        timeToLive = value;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long value) {
        JmsRuntime.run(() -> producer.setDeliveryDelay(value));
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return JmsRuntime.call(producer::getDeliveryDelay);
    }

    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        async = listener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    // ----- Properties (the template message's rules: names, types, conversions).

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        JmsRuntime.run(() -> template.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        JmsRuntime.run(() -> template.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        JmsRuntime.run(() -> template.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        JmsRuntime.run(() -> template.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        JmsRuntime.run(() -> template.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        JmsRuntime.run(() -> template.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        JmsRuntime.run(() -> template.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        JmsRuntime.run(() -> template.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        JmsRuntime.run(() -> template.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        template.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return template.propertyExists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return JmsRuntime.call(() -> template.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return JmsRuntime.call(() -> template.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return JmsRuntime.call(() -> template.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return JmsRuntime.call(() -> template.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return JmsRuntime.call(() -> template.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return JmsRuntime.call(() -> template.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return JmsRuntime.call(() -> template.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return JmsRuntime.call(() -> template.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return template.getObjectProperty(name);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Collections.list(template.getPropertyNames())));
    }

    // ----- Headers.

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        template.setJMSCorrelationIDAsBytes(correlationID);
        correlationIdAsBytes = true;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return template.getJMSCorrelationIDAsBytes();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        template.setJMSCorrelationID(correlationID);
        correlationIdAsBytes = false;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return template.getJMSCorrelationID();
    }

    @Override
    public JMSProducer setJMSType(String type) {
        template.setJMSType(type);
        return this;
    }

    @Override
    public String getJMSType() {
        return template.getJMSType();
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        template.setJMSReplyTo(replyTo);
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return template.getJMSReplyTo();
    }
}
