package dev.apogee.benchmarks.jms;

import dev.apogee.benchmarks.broker.ServerUnderTest;
import dev.apogee.benchmarks.broker.Throughput;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Receive throughput on a backlog: a fresh queue is filled with persistent messages (by {@code threads}
 * senders, not measured), then {@code threads} consumers, each with its own connection and AUTO_ACKNOWLEDGE
 * session, take them with {@code receive(timeout)} until the backlog is gone. The figure runs from the
 * first message any consumer received to the last.
 */
final class BacklogDrain {

    /** How long the consumers wait with nothing received before they give up on what is left. */
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final long RECEIVE_TIMEOUT_MILLIS = 500;

    private final ConnectionFactory factory;
    private final String queue;
    private final int threads;
    private final byte[] body;

    BacklogDrain(ConnectionFactory factory, String queue, int threads, int bodySize) {
        this.factory = factory;
        this.queue = queue;
        this.threads = threads;
        this.body = new byte[bodySize];
    }

    /**
     * @param fill      how long filling the queue took
     * @param drain     the consumers' messages over first-to-last receive; failed = messages never received
     * @param firstWait from starting the consumers to the first message received
     */
    record Result(Duration fill, Throughput drain, Duration firstWait) {
    }

    Result run(ServerUnderTest server, int backlog) throws Exception {
        long filling = System.nanoTime();
        fill(backlog);
        Duration fill = Duration.ofNanos(System.nanoTime() - filling);
        server.checkAlive();

        AtomicLong received = new AtomicLong();
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        AtomicReference<String> failure = new AtomicReference<>();
        List<Connection> connections = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                consumers.add(new Thread(() -> receiveUntilDrained(consumer, backlog, received, first, last, failure),
                        "bench-jms-consumer-" + t));
            }
            Duration cpuBefore = server.totalCpuTime();
            long start = System.nanoTime();
            for (Connection connection : connections) {
                connection.start();
            }
            consumers.forEach(Thread::start);
            for (Thread consumer : consumers) {
                consumer.join();
            }
            Duration cpu = server.totalCpuTime().minus(cpuBefore);
            long count = received.get();
            Duration span = count == 0 ? Duration.ZERO : Duration.ofNanos(last.get() - first.get());
            Duration firstWait = count == 0 ? Duration.ZERO : Duration.ofNanos(first.get() - start);
            return new Result(fill, new Throughput(count, Math.max(0, backlog - count), span, cpu, failure.get()),
                    firstWait);
        } finally {
            for (Connection connection : connections) {
                SendLoad.closeQuietly(connection);
            }
        }
    }

    private static void receiveUntilDrained(MessageConsumer consumer, long backlog, AtomicLong received,
                                            AtomicLong first, AtomicLong last, AtomicReference<String> failure) {
        long idleSince = System.nanoTime();
        while (received.get() < backlog) {
            try {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                long now = System.nanoTime();
                if (message != null) {
                    first.accumulateAndGet(now, Math::min);
                    last.accumulateAndGet(now, Math::max);
                    received.incrementAndGet();
                    idleSince = now;
                } else if (now - Math.max(idleSince, last.get()) > IDLE_LIMIT.toNanos()) {
                    failure.compareAndSet(null, "nothing received for " + IDLE_LIMIT.toSeconds() + " s");
                    return;
                }
            } catch (JMSException | RuntimeException e) {
                failure.compareAndSet(null, e.toString());
                return;
            }
        }
    }

    /** Puts {@code backlog} persistent messages on the queue, split over the sender threads. */
    private void fill(int backlog) throws Exception {
        List<Thread> senders = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int count = backlog / threads + (t < backlog % threads ? 1 : 0);
            Thread sender = new Thread(() -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(queue));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 0; i < count; i++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-jms-filler-" + t);
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        if (failure.get() != null) {
            throw new Exception("filling " + queue + " failed: " + failure.get(), failure.get());
        }
    }
}
