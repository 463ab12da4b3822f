package dev.apogee.benchmarks.jms;

import dev.apogee.benchmarks.broker.Latencies;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate: one producer sends persistent messages, each carrying
 * {@link System#nanoTime()} from just before its {@code send} in a long property; a MessageListener on
 * a consumer of its own connection in this JVM records {@code now - sent}. Only messages sent in the
 * measured window are sampled. The send is synchronous, so a server that answers a persistent send more
 * slowly than the interval lets the producer fall behind the rate instead of queueing sends up; the rate
 * actually sent is reported beside the latency.
 */
final class LatencyLoad {

    static final String SENT_PROPERTY = "benchSentNanos";
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final ConnectionFactory factory;
    private final String queue;
    private final int rate;
    private final byte[] body;

    LatencyLoad(ConnectionFactory factory, String queue, int rate, int bodySize) {
        this.factory = factory;
        this.queue = queue;
        this.rate = rate;
        this.body = new byte[bodySize];
    }

    /**
     * @param sent          messages sent in the measured window
     * @param received      of those, how many the listener got (within a drain time after the window)
     * @param sentPerSecond the rate the producer managed in the window
     */
    record Result(Latencies.Summary latency, long sent, long received, long failed, double sentPerSecond,
                  String firstFailure) {

        String describe() {
            return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms (%,d sent in the window at %,.0f msg/s,"
                            + " %,d received, %,d send failures)%s", latency.p50(), latency.p99(), latency.max(),
                    sent, sentPerSecond, received, failed,
                    firstFailure == null ? "" : "; first failure: " + firstFailure);
        }
    }

    Result run(Duration warmUp, Duration measure) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long expected = measure.toNanos() / interval + 1;
        Latencies latencies = new Latencies((int) Math.min(Integer.MAX_VALUE - 8, expected * 2 + 1024));
        AtomicLong receivedInWindow = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        try (Connection consuming = factory.createConnection(); Connection producing = factory.createConnection()) {
            Session consumerSession = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue(queue));
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            long windowStart = start + warmUp.toNanos();
            long windowEnd = windowStart + measure.toNanos();
            consumer.setMessageListener(message -> {
                long now = System.nanoTime();
                try {
                    long sent = message.getLongProperty(SENT_PROPERTY);
                    if (sent >= windowStart && sent < windowEnd) {
                        latencies.record(now - sent);
                        receivedInWindow.incrementAndGet();
                    }
                } catch (JMSException | RuntimeException e) {
                    failure.compareAndSet(null, "listener: " + e);
                }
            });
            consuming.start();

            Session producerSession = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = producerSession.createProducer(producerSession.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long sentInWindow = 0;
            long failed = 0;
            long next = start;
            while (true) {
                long now = System.nanoTime();
                if (now >= windowEnd) {
                    break;
                }
                if (now < next) {
                    LockSupport.parkNanos(next - now);
                    continue;
                }
                long sent = System.nanoTime();
                try {
                    BytesMessage message = producerSession.createBytesMessage();
                    message.writeBytes(body);
                    message.setLongProperty(SENT_PROPERTY, sent);
                    producer.send(message);
                    if (sent >= windowStart) {
                        sentInWindow++;
                    }
                } catch (JMSException | RuntimeException e) {
                    if (sent >= windowStart) {
                        failed++;
                        failure.compareAndSet(null, e.toString());
                    }
                }
                // The next send is due one interval later; a producer that fell further behind sends at once,
                // but never makes up for lost sends with a burst.
                next = Math.max(next + interval, System.nanoTime());
            }
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            while (receivedInWindow.get() < sentInWindow && System.nanoTime() < drainUntil) {
                Thread.sleep(20);
            }
            double sentPerSecond = sentInWindow / (measure.toNanos() / 1e9);
            return new Result(latencies.summarize(), sentInWindow, receivedInWindow.get(), failed, sentPerSecond,
                    failure.get());
        }
    }
}
