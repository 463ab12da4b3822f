package dev.apogee.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Losing the broker: a connection's ExceptionListener is told (the broker crashed or was cut off, or it was
 * stopped and left the name server), and once the broker is back the same connection sends and receives
 * again. A cluster of its own, since its broker is stopped.
 */
@Timeout(120)
class BrokerLossIT {

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;

    private Connection connection;
    private final BlockingQueue<JMSException> failures = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private Session session;
    private MessageProducer producer;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        if (!cluster.isRunning(0)) {
            cluster.startBroker(0);
        }
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://" + cluster.namesrvAddress());
        factory.setPollTimeoutMillis(200);
        factory.setInvisibleTimeMillis(3_000);
        factory.setSendTimeoutMillis(1_000);
        connection = factory.createConnection();
        connection.setExceptionListener(failures::add);
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(JmsCluster.unique("loss"));
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                received.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        producer = session.createProducer(queue);
        connection.start();
        producer.send(session.createTextMessage("before"));
        assertEquals("before", received.poll(20, TimeUnit.SECONDS));
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void aBrokerCutOffIsReportedAndTheConnectionWorksAgainWhenItIsBack() throws Exception {
        cluster.isolateBroker(0);
        assertNotNull(failures.poll(30, TimeUnit.SECONDS), "the ExceptionListener was told");
        cluster.startBroker(0);
        assertWorksAgain();
    }

    @Test
    void aStoppedBrokerIsReportedAndTheConnectionWorksAgainAfterItsRestart() throws Exception {
        cluster.stopBroker(0);
        assertNotNull(failures.poll(30, TimeUnit.SECONDS), "the ExceptionListener was told");
        cluster.restartBroker(0);
        assertWorksAgain();
    }

    @Test
    void aConnectionThatOnlySendsIsToldBetweenItsSends() throws Exception {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://" + cluster.namesrvAddress());
        factory.setSendTimeoutMillis(1_000);
        BlockingQueue<JMSException> told = new LinkedBlockingQueue<>();
        try (Connection sender = factory.createConnection()) {
            sender.setExceptionListener(told::add);
            Session sending = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            sending.createProducer(sending.createQueue(JmsCluster.unique("send-only")))
                    .send(sending.createTextMessage("one"));
            assertNull(told.poll(4, TimeUnit.SECONDS), "nothing to report while the broker answers");
            cluster.isolateBroker(0);
            // No send, no consumer: only the connection's own check can notice.
            assertNotNull(told.poll(30, TimeUnit.SECONDS), "the ExceptionListener was told without a send");
        }
        cluster.startBroker(0);
        assertWorksAgain();
    }

    /** Sends until a send succeeds (the client finds the broker again on its own), then receives it. */
    private void assertWorksAgain() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JMSException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                producer.send(session.createTextMessage("after"));
                last = null;
                break;
            } catch (JMSException e) {
                last = e; // the broker is not back in the routes yet; the next try waits for the send timeout
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        if (last != null) {
            throw last;
        }
        // "before" may come again: its acknowledgement can be cut off with the broker (at least once).
        String next = received.poll(60, TimeUnit.SECONDS);
        while ("before".equals(next)) {
            next = received.poll(60, TimeUnit.SECONDS);
        }
        assertEquals("after", next, "the same consumer receives again");
    }
}
