package dev.apogee.benchmarks.jms;

import dev.apogee.benchmarks.broker.PhasedRun;
import dev.apogee.benchmarks.broker.ServerUnderTest;
import dev.apogee.benchmarks.broker.Throughput;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Send throughput: {@code threads} threads, each with its own connection, session and producer on one
 * queue, send a BytesMessage, wait for {@code send} to return, and send the next. PERSISTENT sends return
 * once the server has the message on disk; NON_PERSISTENT ones return as each provider decides (both
 * return without waiting for the server, within their producers' flow control).
 */
final class SendLoad {

    private final ConnectionFactory factory;
    private final String queue;
    private final int deliveryMode;
    private final int threads;
    private final byte[] body;

    SendLoad(ConnectionFactory factory, String queue, int deliveryMode, int threads, int bodySize) {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new IllegalArgumentException("not a delivery mode: " + deliveryMode);
        }
        this.factory = factory;
        this.queue = queue;
        this.deliveryMode = deliveryMode;
        this.threads = threads;
        this.body = new byte[bodySize];
    }

    /** Sends through the warm-up and the measured time; the sends that returned in the measured time count. */
    Throughput run(ServerUnderTest server, Duration warmUp, Duration measure) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        PhasedRun run = new PhasedRun();
        List<Connection> connections = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(queue));
                producer.setDeliveryMode(deliveryMode);
                Thread sender = new Thread(() -> sendUntilStopped(run, session, producer, ok, failed, firstFailure),
                        "bench-jms-sender-" + t);
                senders.add(sender);
            }
            senders.forEach(Thread::start);
            return run.measure(server, warmUp, measure, ok, failed, firstFailure);
        } finally {
            run.stop();
            for (Thread sender : senders) {
                sender.join();
            }
            for (Connection connection : connections) {
                closeQuietly(connection);
            }
        }
    }

    private void sendUntilStopped(PhasedRun run, Session session, MessageProducer producer, AtomicLong ok,
                                  AtomicLong failed, AtomicReference<String> firstFailure) {
        while (run.running()) {
            try {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
                ok.incrementAndGet();
            } catch (JMSException | RuntimeException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
            }
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            System.err.println("closing a JMS connection: " + e);
        }
    }
}
