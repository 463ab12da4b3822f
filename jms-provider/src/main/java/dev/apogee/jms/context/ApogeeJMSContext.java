package dev.apogee.jms.context;

import dev.apogee.jms.connection.ApogeeConnection;
import dev.apogee.jms.internal.JmsRuntime;
import dev.apogee.jms.producer.ApogeeMessageProducer;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * A JMSContext: one session of a connection that may be shared with other contexts made from this one by
 * {@link #createContext(int)}. The session is made on first use, so that {@link #setClientID} can still be
 * called right after the context is made. Every checked JMSException of the classic runtime underneath is
 * translated by {@link JmsRuntime}.
 */
public class ApogeeJMSContext implements JMSContext {

    private final SharedConnection shared;
    private final int sessionMode;
    private ApogeeSession session;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    /** A context over a new connection (the factory's createContext), which it owns with its derived contexts. */
    public ApogeeJMSContext(ApogeeConnection connection, int sessionMode) {
        this(new SharedConnection(connection), checkMode(sessionMode));
    }

    private ApogeeJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    private static int checkMode(int mode) {
        if (mode != SESSION_TRANSACTED && mode != AUTO_ACKNOWLEDGE && mode != CLIENT_ACKNOWLEDGE
                && mode != DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("session mode " + mode
                    + " is not one of AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, SESSION_TRANSACTED");
        }
        return mode;
    }

    private ApogeeConnection connection() {
        return shared.connection();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** The session, made on first use. */
    synchronized ApogeeSession session() {
        checkOpen();
        if (session == null) {
            session = (ApogeeSession) JmsRuntime.call(() -> connection().createSession(
                    sessionMode == SESSION_TRANSACTED, sessionMode));
        }
        return session;
    }

    // ----- Contexts, connection.

    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        checkMode(mode);
        if (!shared.retain()) {
            throw new IllegalStateRuntimeException("the connection is closed");
        }
        // The connection is in use now: its client id can no longer be set (by either context).
        connection().fixClientId();
        return new ApogeeJMSContext(shared, mode);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return JmsRuntime.call(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        JmsRuntime.run(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return JmsRuntime.call(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return JmsRuntime.call(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        JmsRuntime.run(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        JmsRuntime.run(() -> connection().start());
    }

    @Override
    public void stop() {
        checkOpen();
        JmsRuntime.run(() -> connection().stop());
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the session and, when no other context uses it, the connection. Refused inside this context's
     * own MessageListener or CompletionListener, which it would wait for (Jakarta Messaging 3.1).
     */
    @Override
    public void close() {
        ApogeeSession current;
        synchronized (this) {
            if (closed) {
                return;
            }
            current = session;
            if (current != null && (current.isDeliveryThread()
                    || ApogeeMessageProducer.inCompletionListenerOf(current))) {
                throw new IllegalStateRuntimeException(
                        "a MessageListener or CompletionListener must not close its own JMSContext");
            }
            closed = true;
        }
        if (current != null) {
            JmsRuntime.run(current::close);
        }
        JmsRuntime.run(shared::release);
    }

    // ----- Session.

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public void commit() {
        JmsRuntime.run(session()::commit);
    }

    @Override
    public void rollback() {
        JmsRuntime.run(session()::rollback);
    }

    @Override
    public void recover() {
        JmsRuntime.run(session()::recover);
    }

    /** Acknowledges every message this context consumed (CLIENT_ACKNOWLEDGE; otherwise nothing). */
    @Override
    public void acknowledge() {
        JmsRuntime.run(session()::acknowledgeAll);
    }

    // ----- Messages.

    @Override
    public BytesMessage createBytesMessage() {
        return JmsRuntime.call(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return JmsRuntime.call(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return JmsRuntime.call(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return JmsRuntime.call(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        ApogeeSession current = session();
        return JmsRuntime.call(() -> current.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return JmsRuntime.call(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return JmsRuntime.call(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        ApogeeSession current = session();
        return JmsRuntime.call(() -> current.createTextMessage(text));
    }

    // ----- Producers and consumers.

    @Override
    public JMSProducer createProducer() {
        ApogeeSession current = session();
        return new ApogeeJMSProducer(this,
                (ApogeeMessageProducer) JmsRuntime.call(() -> current.createProducer(null)));
    }

    private JMSConsumer consumer(JmsRuntime.JmsCall<MessageConsumer> create) {
        ApogeeSession current = session();
        JMSConsumer consumer = new ApogeeJMSConsumer(current,
                (dev.apogee.jms.consumer.ApogeeMessageConsumer) JmsRuntime.call(create));
        if (autoStart) {
            start();
        }
        return consumer;
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return createConsumer(destination, selector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return createSharedConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        ApogeeSession current = session();
        return JmsRuntime.call(() -> current.createBrowser(queue, selector));
    }

    @Override
    public void unsubscribe(String name) {
        ApogeeSession current = session();
        JmsRuntime.run(() -> current.unsubscribe(name));
    }

    // ----- Destinations.

    @Override
    public Queue createQueue(String name) {
        ApogeeSession current = session();
        return JmsRuntime.call(() -> current.createQueue(name));
    }

    @Override
    public Topic createTopic(String name) {
        ApogeeSession current = session();
        return JmsRuntime.call(() -> current.createTopic(name));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return JmsRuntime.call(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return JmsRuntime.call(session()::createTemporaryTopic);
    }

    @Override
    public String toString() {
        return "ApogeeJMSContext[mode=" + sessionMode + (closed ? ", closed" : "") + "]";
    }
}
