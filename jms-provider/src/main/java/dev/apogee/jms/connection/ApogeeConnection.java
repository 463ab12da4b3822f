package dev.apogee.jms.connection;

import dev.apogee.client.admin.ClusterView;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.auth.Credentials;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeTemporaryQueue;
import dev.apogee.jms.ApogeeTemporaryTopic;
import dev.apogee.jms.ProviderSettings;
import dev.apogee.jms.consumer.ConsumerFactory;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A connection: one {@link ConnectionServices} (one set of broker connections), its sessions, its client
 * id, whether it delivers ({@link StartGate}), its temporary destinations, and its ExceptionListener, told
 * when a consumer loses its broker (the client keeps reconnecting; the listener is told once per outage).
 */
public class ApogeeConnection implements QueueConnection, TopicConnection {

    /** How often the brokers are checked once an ExceptionListener is set. */
    private static final Duration LIVENESS_INTERVAL = Duration.ofSeconds(3);

    private static final Logger LOG = LogManager.getLogger(ApogeeConnection.class);

    private final ConnectionServices services;
    private final StartGate gate = new StartGate();
    private final List<ApogeeSession> sessions = new CopyOnWriteArrayList<>();
    private final Set<ApogeeDestination> temporaries = ConcurrentHashMap.newKeySet();
    private final AtomicInteger temporaryIds = new AtomicInteger();
    private final ConsumerFactory consumers;
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile ExceptionListener exceptionListener;
    private volatile long lastFailureReport;
    private volatile boolean closed;
    private java.util.concurrent.ScheduledExecutorService renewer;

    /**
     * Connects; {@code clientId} (may be null) is the administratively configured one, and every request is
     * signed with {@code credentials} (null: none).
     */
    public ApogeeConnection(ProviderSettings settings, String clientId, Credentials credentials) throws JMSException {
        if (clientId != null) {
            ClientIds.claim(clientId);
            this.clientId = clientId;
            this.clientIdFixed = true;
        }
        try {
            this.services = new ConnectionServices(settings, credentials);
        } catch (RuntimeException e) {
            ClientIds.release(clientId);
            throw JmsErrors.of("connecting to " + settings.nameServers(), e);
        }
        this.consumers = new ConsumerFactory(services, () -> this.clientId);
    }

    public ConnectionServices services() {
        return services;
    }

    public StartGate gate() {
        return gate;
    }

    public ConsumerFactory consumerFactory() {
        clientIdFixed = true;
        return consumers;
    }

    /**
     * The connection's one timer thread ({@code apogee-jms-renewer-<id>}), made on first use, that keeps
     * the messages CLIENT_ACKNOWLEDGE and transacted sessions hold invisible (they may be held for longer
     * than the invisible time). Its tasks are short broker calls, one session after another.
     */
    public synchronized java.util.concurrent.ScheduledExecutorService renewer() throws IllegalStateException {
        checkOpen();
        if (renewer == null) {
            java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                    runnable -> {
                        Thread thread = new Thread(runnable, "apogee-jms-renewer-" + services.connectionId());
                        thread.setDaemon(true);
                        return thread;
                    });
            timer.setRemoveOnCancelPolicy(true);
            renewer = timer;
        }
        return renewer;
    }

    /** Marks the connection as used: its client id can no longer be set (a JMSContext made from another). */
    public void fixClientId() {
        clientIdFixed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsErrors.closed("connection");
        }
    }

    // ----- Client id, metadata, exception listener.

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public synchronized void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new IllegalStateException("the client id can only be set right after the connection is made"
                    + (clientId != null ? " (it is " + clientId + ")" : ""));
        }
        ClientIds.claim(id);
        clientId = id;
        clientIdFixed = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        return new ApogeeMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        clientIdFixed = true;
        exceptionListener = listener;
        if (listener != null) {
            // Consumers report what they meet; this also covers a connection that only sends, between sends.
            services.watchBrokers(LIVENESS_INTERVAL, failure -> failed(JmsErrors.of("a broker of this connection "
                    + "does not answer (the client keeps reconnecting)", failure)));
        }
    }

    /** Tells the ExceptionListener, at most once every 5 s (an outage is reported once, not per poll). */
    public void failed(JMSException failure) {
        ExceptionListener listener = exceptionListener;
        long now = System.currentTimeMillis();
        if (listener == null || closed || now - lastFailureReport < 5000) {
            return;
        }
        lastFailureReport = now;
        try {
            listener.onException(failure);
        } catch (RuntimeException e) {
            LOG.warn("the ExceptionListener threw", e);
        }
    }

    // ----- Start, stop, close.

    @Override
    public void start() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        gate.start();
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        checkNotInListener("stop");
        gate.stop();
    }

    private void checkNotInListener(String what) throws IllegalStateException {
        for (ApogeeSession session : sessions) {
            if (session.isDeliveryThread()) {
                throw new IllegalStateException("a MessageListener must not call " + what + " on its own connection");
            }
        }
    }

    @Override
    public void close() throws JMSException {
        synchronized (this) {
            if (closed) {
                return;
            }
            checkNotInListener("close");
            closed = true;
        }
        gate.close();
        for (ApogeeSession session : sessions) {
            session.closeFromConnection();
        }
        for (ApogeeDestination temporary : temporaries) {
            deleteTopic(temporary);
        }
        temporaries.clear();
        synchronized (this) {
            if (renewer != null) {
                renewer.shutdownNow();
            }
        }
        services.close();
        ClientIds.release(clientIdFixed ? clientId : null);
    }

    public void sessionClosed(ApogeeSession session) {
        sessions.remove(session);
    }

    // ----- Sessions.

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        clientIdFixed = true;
        if (!transacted && acknowledgeMode != Session.AUTO_ACKNOWLEDGE && acknowledgeMode != Session.CLIENT_ACKNOWLEDGE
                && acknowledgeMode != Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("acknowledge mode " + acknowledgeMode + " is not one of AUTO, CLIENT, DUPS_OK");
        }
        ApogeeSession session = new ApogeeSession(this, transacted, acknowledgeMode);
        sessions.add(session);
        return session;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    // ----- Temporary destinations.

    private String temporaryName(String kind) {
        return "JMSTMP" + kind + "-" + services.connectionId() + "-" + temporaryIds.incrementAndGet();
    }

    /** A temporary queue of this connection (a RocketMQ topic of one queue, created now, deleted with it). */
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        ApogeeTemporaryQueue queue = new ApogeeTemporaryQueue(temporaryName("Q"), this::deleteTemporary);
        createTopic(queue);
        return queue;
    }

    /** A temporary topic of this connection. */
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        ApogeeTemporaryTopic topic = new ApogeeTemporaryTopic(temporaryName("T"), this::deleteTemporary);
        createTopic(topic);
        return topic;
    }

    private void createTopic(ApogeeDestination destination) throws JMSException {
        try {
            for (ClusterView cluster : services.admin().clusters().clusters()) {
                services.admin().topics().createOrUpdate(cluster.name(), TopicSpec.of(destination.name(), 1));
            }
        } catch (RuntimeException e) {
            throw JmsErrors.of("creating temporary destination " + destination.name(), e);
        }
        temporaries.add(destination);
        awaitRoute(destination);
    }

    /**
     * Waits until a name server routes the new topic. Until its broker has registered it, a producer would
     * fall back to the auto-create route (several queues) and pick a queue the one-queue topic lacks, which
     * the broker refuses.
     */
    private void awaitRoute(ApogeeDestination destination) throws JMSException {
        long deadline = System.nanoTime() + services.settings().sendTimeout().toNanos();
        while (true) {
            try {
                services.runtime().routes().refresh(destination.name())
                        .get(services.settings().sendTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw JmsErrors.of("waiting for the route of temporary destination " + destination.name(),
                            e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw JmsErrors.of("waiting for the route of " + destination.name(), e);
            }
            try {
                Thread.sleep(20); // the broker registers with the name server on its own schedule
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw JmsErrors.of("waiting for the route of " + destination.name(), e);
            }
        }
    }

    /** Whether {@code destination} is one of this connection's temporary destinations. */
    public boolean ownsTemporary(ApogeeDestination destination) {
        return temporaries.contains(destination);
    }

    private void deleteTemporary(ApogeeDestination destination) throws JMSException {
        checkOpen();
        if (!temporaries.contains(destination)) {
            throw new IllegalStateException(destination.name() + " is already deleted");
        }
        for (ApogeeSession session : sessions) {
            if (session.hasConsumerOf(destination)) {
                throw new IllegalStateException("temporary destination " + destination.name()
                        + " still has a consumer; close it first");
            }
        }
        temporaries.remove(destination);
        deleteTopic(destination);
    }

    private void deleteTopic(ApogeeDestination destination) {
        try {
            for (ClusterView cluster : services.admin().clusters().clusters()) {
                services.admin().topics().delete(cluster.name(), destination.name());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not delete temporary destination {}: {}", destination.name(), e.toString());
        }
    }

    // ----- Application server facilities.

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
                                                       ServerSessionPool pool, int maxMessages) throws JMSException {
        throw unsupported();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector,
                                                             ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw unsupported();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector,
                                                              ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw unsupported();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector,
                                                                    ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw unsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw unsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw unsupported();
    }

    private static JMSException unsupported() {
        return new JMSException("connection consumers (an optional application server facility) are not supported");
    }
}
