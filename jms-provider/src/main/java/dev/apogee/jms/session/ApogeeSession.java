package dev.apogee.jms.session;

import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.connection.ApogeeConnection;
import dev.apogee.jms.connection.ConnectionServices;
import dev.apogee.jms.connection.StartGate;
import dev.apogee.jms.consumer.ApogeeMessageConsumer;
import dev.apogee.jms.consumer.ApogeeQueueBrowser;
import dev.apogee.jms.consumer.Delivery;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.message.DestinationCodec;
import dev.apogee.jms.producer.ApogeeMessageProducer;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A session: a single thread of control. Messages for MessageListeners run one at a time on the session's
 * one {@link DeliveryThread} ({@code apogee-jms-session-N}), made when the first listener is set and stopped on
 * close. Making messages is {@link SessionMessages}'s part, making consumers and browsers
 * {@link SessionConsumers}'s. The session tracks what it delivered but has not settled (CLIENT_ACKNOWLEDGE and transacted) and
 * what it sent in its transaction ({@link LocalTransaction}).
 */
public class ApogeeSession extends SessionMessages implements QueueSession, TopicSession {

    private static final Logger LOG = LogManager.getLogger(ApogeeSession.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ApogeeConnection connection;
    private final boolean transacted;
    private final int acknowledgeMode;
    private final SessionConsumers consumers;
    private final List<ApogeeMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final HeldDeliveries unsettled;
    private final LocalTransaction transaction;
    private final DeliveryThread deliveryThread = new DeliveryThread("apogee-jms-session-" + IDS.incrementAndGet());
    private volatile boolean closed;

    public ApogeeSession(ApogeeConnection connection, boolean transacted, int acknowledgeMode) {
        this.connection = connection;
        this.transacted = transacted;
        this.acknowledgeMode = transacted ? SESSION_TRANSACTED : acknowledgeMode;
        this.transaction = transacted ? new LocalTransaction(connection.services()) : null;
        this.consumers = new SessionConsumers(this, connection);
        this.unsettled = new HeldDeliveries(this::renewer, connection.services().settings().invisibleTime());
    }

    /**
     * The connection's timer for keeping held messages invisible.
     *
     * @throws java.lang.IllegalStateException if the connection is closed
     */
    public ScheduledExecutorService renewer() {
        try {
            return connection.renewer();
        } catch (IllegalStateException e) {
            throw new java.lang.IllegalStateException(e.getMessage(), e);
        }
    }

    public ConnectionServices services() {
        return connection.services();
    }

    public ApogeeConnection connection() {
        return connection;
    }

    public StartGate gate() {
        return connection.gate();
    }

    public boolean isClosed() {
        return closed || connection.isClosed();
    }

    /** The transaction, or null when not transacted. */
    public LocalTransaction transaction() {
        return transaction;
    }

    /** Reports a broker failure to the connection's ExceptionListener. */
    public void connectionFailed(JMSException failure) {
        connection.failed(failure);
    }

    /** Whether the caller runs on this session's delivery thread (inside a MessageListener). */
    public boolean isDeliveryThread() {
        return deliveryThread.isCurrent();
    }

    @Override
    void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw JmsErrors.closed("session");
        }
    }

    /** A listener may be set unless the session is closed (the JMSContext refuses in a container). */
    public void checkListenerAllowed() throws IllegalStateException {
        checkOpen();
    }

    // ----- Delivery and acknowledgement.

    /** Settles or tracks a delivery just handed to the application, per the session's mode. */
    public void delivered(Delivery delivery) {
        if (acknowledgeMode == CLIENT_ACKNOWLEDGE || transacted) {
            unsettled.add(delivery);
            if (!transacted) {
                delivery.message().setAcknowledger(message -> acknowledgeAll());
            }
        } else {
            delivery.acknowledgeInBackground();
        }
    }

    /** Runs {@code listener} for {@code delivery} on the session's delivery thread and waits for it. */
    public void dispatch(Delivery delivery, MessageListener listener) throws JMSException {
        checkOpen();
        try {
            deliveryThread.runAndWait(() -> runListener(delivery, listener));
        } catch (ExecutionException e) {
            throw JmsErrors.of("running the listener", e.getCause());
        }
    }

    private void runListener(Delivery delivery, MessageListener listener) {
        boolean auto = !transacted && acknowledgeMode != CLIENT_ACKNOWLEDGE;
        if (!auto) {
            delivered(delivery);
        }
        try {
            listener.onMessage(delivery.message());
        } catch (RuntimeException e) {
            // Jakarta Messaging 8.7: in AUTO/DUPS_OK the message is delivered again at once, redelivered.
            LOG.warn("the MessageListener of {} threw; {}", delivery.consumer().destination(),
                    auto ? "delivering the message again" : "the message stays unacknowledged", e);
            if (auto) {
                delivery.redeliver();
                return;
            }
        }
        if (auto) {
            delivery.acknowledgeInBackground();
        }
    }

    /** Acknowledges every message this session consumed and has not settled (CLIENT_ACKNOWLEDGE). */
    public void acknowledgeAll() throws JMSException {
        checkOpen();
        if (transacted || acknowledgeMode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        Delivery.acknowledgeAll(unsettled.takeAll());
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (transacted) {
            throw new IllegalStateException("recover() is not allowed in a transacted session");
        }
        unsettled.redeliverAll();
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (!transacted) {
            throw new IllegalStateException("commit() needs a transacted session");
        }
        try {
            transaction.commit();
        } catch (JMSException e) {
            unsettled.redeliverAll();
            jakarta.jms.TransactionRolledBackException rolledBack =
                    new jakarta.jms.TransactionRolledBackException("the commit failed and was rolled back: "
                            + e.getMessage());
            rolledBack.setLinkedException(e);
            throw rolledBack;
        }
        Delivery.acknowledgeAll(unsettled.takeAll());
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (!transacted) {
            throw new IllegalStateException("rollback() needs a transacted session");
        }
        transaction.rollback();
        unsettled.redeliverAll();
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return transacted;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return acknowledgeMode;
    }

    // ----- Close.

    @Override
    public void close() throws JMSException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeResources();
    }

    /** Closes consumers, producers and browsers; rolls back; releases what was not settled. */
    void closeResources() {
        consumers.closeAll();
        for (ApogeeMessageProducer producer : producers) {
            producer.closeQuietly();
        }
        if (transaction != null) {
            try {
                transaction.rollback();
            } catch (JMSException e) {
                LOG.warn("rolling back on close: {}", e.getMessage());
            }
        }
        // Unsettled messages become visible again at once (their consumers are closed).
        unsettled.close();
        deliveryThread.shutdown();
        connection.sessionClosed(this);
    }

    /** Called by the connection when it closes. */
    public void closeFromConnection() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeResources();
    }

    /** Whether a consumer of this session receives from {@code destination}. */
    public boolean hasConsumerOf(ApogeeDestination destination) {
        return consumers.hasConsumerOf(destination);
    }

    public void consumerClosed(ApogeeMessageConsumer consumer) {
        consumers.consumerClosed(consumer);
    }

    public void producerClosed(ApogeeMessageProducer producer) {
        producers.remove(producer);
    }

    public void browserClosed(ApogeeQueueBrowser browser) {
        consumers.browserClosed(browser);
    }

    // ----- Session-level listeners (messages and destination objects: SessionMessages).

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw new JMSException("session-level MessageListeners (application server facility) are not supported");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run is an application server facility; not supported");
    }

    // ----- Producers.

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        ApogeeDestination target = destination == null ? null : DestinationCodec.toApogee(destination);
        ApogeeMessageProducer producer = new ApogeeMessageProducer(this, target);
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ----- Consumers.

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return consumers.plain(destination, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String messageSelector) throws JMSException {
        checkOpen();
        return consumers.shared(topic, name, messageSelector, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        return consumers.durable(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkOpen();
        return consumers.shared(topic, name, messageSelector, true);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        connection.consumerFactory().unsubscribe(name);
    }

    // ----- Browsers, destinations.

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        return consumers.browser(queue, messageSelector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        return connection.createTemporaryTopic();
    }
}
