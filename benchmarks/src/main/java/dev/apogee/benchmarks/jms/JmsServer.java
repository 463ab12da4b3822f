package dev.apogee.benchmarks.jms;

import dev.apogee.benchmarks.broker.ApogeeServer;
import dev.apogee.benchmarks.broker.ServerUnderTest;
import dev.apogee.jms.ApogeeConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A server under test and the JMS connection factory that reaches it: the only thing in the benchmark that
 * differs between Apogee and Artemis. Both factories keep their defaults.
 */
record JmsServer(ServerUnderTest server, ConnectionFactory factory, String description) implements AutoCloseable {

    /** Starts {@code which} ("apogee" or "artemis") in {@code dir} and waits until a JMS send to it succeeds. */
    static JmsServer start(String which, JmsSettings settings, Path dir) throws IOException {
        JmsServer started;
        if (which.equals("apogee")) {
            // SYNC_FLUSH: a send is answered once its message is forced to disk; the store group-commits the forces.
            ApogeeServer apogee = ApogeeServer.start("SYNC_FLUSH", dir, settings.keep());
            started = new JmsServer(apogee, new ApogeeConnectionFactory("apogee://" + apogee.nameServer()),
                    "SYNC_FLUSH (group commit), " + apogee.heapDescription());
        } else {
            ArtemisServer artemis = ArtemisServer.start(dir, settings.artemisBufferTimeoutNanos(), settings.keep(),
                    settings.startTimeout());
            started = new JmsServer(artemis, new ActiveMQConnectionFactory(artemis.url()),
                    artemis.readyLine().replace(ArtemisMain.READY + " ", "") + ", " + artemis.heapDescription());
        }
        try {
            started.awaitReady(settings.startTimeout());
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    String name() {
        return server.name();
    }

    /** Sends one persistent message to a queue of its own until that works: the server takes JMS sends. */
    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            server.checkAlive();
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("bench-ready"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                BytesMessage probe = session.createBytesMessage();
                probe.writeBytes(new byte[16]);
                producer.send(probe);
                return;
            } catch (JMSException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name() + " took no JMS send within " + timeout.toSeconds() + " s: " + e, e);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name(), e);
            }
        }
    }

    /** Closes the factory if it holds anything (Artemis's keeps a locator and thread pools), then stops the server. */
    @Override
    public void close() {
        try {
            if (factory instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            System.err.printf("[%s] closing the connection factory: %s%n", name(), e);
        } finally {
            server.close();
        }
    }
}
