package dev.apogee.jms.context;

import dev.apogee.jms.consumer.ApogeeMessageConsumer;
import dev.apogee.jms.consumer.Delivery;
import dev.apogee.jms.internal.JmsRuntime;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;

/**
 * A JMSConsumer over a classic {@link ApogeeMessageConsumer}. {@code receiveBody} takes the next delivery
 * unsettled, so that a body of the wrong type can be handed back: in AUTO_ACKNOWLEDGE and DUPS_OK the same
 * message is delivered again next, not as a redelivery (JMSRedelivered and JMSXDeliveryCount unchanged); in
 * CLIENT_ACKNOWLEDGE and transacted sessions it counts as delivered (acknowledge/commit settle it), as the
 * specification says. Either way a MessageFormatRuntimeException is thrown.
 */
public class ApogeeJMSConsumer implements JMSConsumer {

    private final ApogeeSession session;
    private final ApogeeMessageConsumer consumer;

    ApogeeJMSConsumer(ApogeeSession session, ApogeeMessageConsumer consumer) {
        this.session = session;
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return JmsRuntime.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return JmsRuntime.call(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        JmsRuntime.run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return JmsRuntime.call(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return JmsRuntime.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return JmsRuntime.call(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        JmsRuntime.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(c, Long.MAX_VALUE);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(c, timeout <= 0 ? Long.MAX_VALUE : timeout);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(c, -1);
    }

    private <T> T body(Class<T> c, long timeoutMillis) {
        return JmsRuntime.call(() -> {
            Delivery delivery = consumer.receiveDelivery(timeoutMillis);
            if (delivery == null) {
                return null;
            }
            T body;
            try {
                if (!delivery.message().isBodyAssignableTo(c)) {
                    throw new MessageFormatException("the body of " + delivery.message().getJMSMessageID()
                            + " cannot be read as " + c.getName());
                }
                body = delivery.message().getBody(c);
            } catch (JMSException e) {
                giveBack(delivery);
                throw e;
            }
            session.delivered(delivery);
            return body;
        });
    }

    private void giveBack(Delivery delivery) {
        int mode = JmsRuntime.call(session::getAcknowledgeMode);
        if (mode == JMSContext.AUTO_ACKNOWLEDGE || mode == JMSContext.DUPS_OK_ACKNOWLEDGE) {
            consumer.putBack(delivery);
        } else {
            session.delivered(delivery);
        }
    }
}
