package dev.apogee.jms.producer;

import dev.apogee.client.ClientException;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.UniqueIds;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.producer.ShardingKeySelector;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.consumer.ApogeeMessageConsumer;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.message.DestinationCodec;
import dev.apogee.jms.message.MessageMapper;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A message producer. Every message of one producer goes to one RocketMQ queue of its topic (a sharding
 * key per producer, or the message's JMSXGroupID), so a queue's consumers see them in the order sent;
 * PERSISTENT sends wait for the broker's store acknowledgement, NON_PERSISTENT ones do not. Asynchronous
 * sends complete their CompletionListeners in send order.
 */
public class ApogeeMessageProducer implements QueueSender, TopicPublisher {

    private static final Logger LOG = LogManager.getLogger(ApogeeMessageProducer.class);

    /** The session whose CompletionListener the current thread runs, if any (close must refuse there). */
    private static final ThreadLocal<ApogeeSession> CALLBACK_OF = new ThreadLocal<>();

    private final ApogeeSession session;
    private final ApogeeDestination destination;
    private final String orderingKey = UUID.randomUUID().toString();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive;
    private long deliveryDelay;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletableFuture<Void> callbacks = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    public ApogeeMessageProducer(ApogeeSession session, ApogeeDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsErrors.closed("message producer");
        }
        if (session.isClosed()) {
            throw JmsErrors.closed("session");
        }
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        checkMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        checkPriority(value);
        priority = value;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        return (Queue) getDestination();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return (Topic) getDestination();
    }

    private static void checkMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
    }

    private static void checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority " + value + " is outside 0..9");
        }
    }

    // ----- Sends.

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        send(ownDestination(), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        send(otherDestination(target), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener) throws JMSException {
        send(ownDestination(), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        send(otherDestination(target), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener is null");
        }
        return listener;
    }

    private ApogeeDestination ownDestination() throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination: name one in send");
        }
        return destination;
    }

    private ApogeeDestination otherDestination(Destination target) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination + " only");
        }
        if (target == null) {
            throw new InvalidDestinationException("the destination is null");
        }
        return DestinationCodec.toApogee(target);
    }

    private void send(ApogeeDestination target, Message message, int mode, int prio, long ttl,
                      CompletionListener listener) throws JMSException {
        checkOpen();
        if (message == null) {
            throw new MessageFormatException("the message is null");
        }
        checkMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        String uniqueId = UniqueIds.next();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSDeliveryTime(now + Math.max(0, deliveryDelay));
        message.setJMSMessageID(disableMessageId ? null : MessageMapper.messageId(uniqueId));
        dev.apogee.client.message.Message outgoing = session.services().mapper()
                .toClientMessage(message, Duration.ofMillis(Math.max(0, deliveryDelay)))
                .uniqueId(uniqueId)
                .property(ApogeeMessageConsumer.CONNECTION_PROPERTY, session.services().connectionId())
                // NON_PERSISTENT messages may be lost in a crash: the broker need not force them before answering.
                .waitStored(mode == DeliveryMode.PERSISTENT);
        String groupId = message.propertyExists("JMSXGroupID") ? message.getStringProperty("JMSXGroupID") : null;
        String key = groupId != null ? groupId : orderingKey;
        if (session.transaction() != null) {
            session.transaction().send(outgoing, key);
            if (listener != null) {
                completeInOrder(CompletableFuture.completedFuture(null), message, listener);
            }
            return;
        }
        try {
            if (listener != null) {
                completeInOrder(session.services().producer().sendAsync(outgoing, ShardingKeySelector.INSTANCE, key),
                        message, listener);
            } else if (mode == DeliveryMode.PERSISTENT) {
                session.services().producer().send(outgoing, ShardingKeySelector.INSTANCE, key);
            } else {
                session.services().producer().sendAsync(outgoing, ShardingKeySelector.INSTANCE, key)
                        .whenComplete((sent, failure) -> {
                            if (failure != null) {
                                LOG.warn("a NON_PERSISTENT message to {} was lost: {}", target, failure.toString());
                            }
                        });
            }
        } catch (ClientException | InvalidMessageException e) {
            throw JmsErrors.of("sending to " + target, e);
        }
    }

    /** Runs {@code listener} when {@code sent} completes, after the listeners of earlier sends. */
    private synchronized void completeInOrder(CompletableFuture<SendResult> sent, Message message,
                                              CompletionListener listener) {
        CompletableFuture<Void> previous = callbacks;
        callbacks = previous.thenCompose(done -> sent.handle((result, failure) -> {
            CALLBACK_OF.set(session);
            try {
                if (failure == null) {
                    listener.onCompletion(message);
                } else {
                    listener.onException(message, JmsErrors.of("sending asynchronously", failure));
                }
            } catch (RuntimeException e) {
                LOG.warn("a CompletionListener threw", e);
            } finally {
                CALLBACK_OF.remove();
            }
            return null;
        }));
    }

    /** Whether the current thread runs a CompletionListener of {@code session}'s sends. */
    public static boolean inCompletionListenerOf(ApogeeSession session) {
        return CALLBACK_OF.get() == session;
    }

    /** Waits for the CompletionListeners of sends already made (close and commit wait for them). */
    public void awaitCallbacks() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = callbacks;
        }
        try {
            pending.join();
        } catch (RuntimeException e) {
            LOG.debug("waiting for completion listeners: {}", e.toString());
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        awaitCallbacks();
        closed = true;
        session.producerClosed(this);
    }

    /** Closes without throwing (session close). */
    public void closeQuietly() {
        try {
            close();
        } catch (JMSException e) {
            LOG.debug("closing producer: {}", e.getMessage());
        }
    }
}
