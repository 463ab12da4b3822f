package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * End-to-end latency at a fixed send rate: a paced thread sends async, a push consumer in this JVM
 * takes {@code now - due time} of each message. The due time (when the schedule said to send, not
 * when the send happened) travels in a user property, so a sender that falls behind shows up as
 * latency instead of hiding it; producer and consumer share this JVM's {@link System#nanoTime()}.
 * Only messages due inside the measured window are sampled.
 */
final class EndToEndLatencyLoad {

    private static final Duration DRAIN = Duration.ofSeconds(20);

    private final Clients clients;
    private final DefaultMQProducer producer;
    private final String topic;
    private final Payloads payloads;
    private final int rate;

    EndToEndLatencyLoad(Clients clients, DefaultMQProducer producer, String topic, Payloads payloads, int rate) {
        this.clients = clients;
        this.producer = producer;
        this.topic = topic;
        this.payloads = payloads;
        this.rate = rate;
    }

    record Result(Latencies.Summary latency, long sent, long received, long failed, String firstFailure,
                  List<String> missing) {
        String describe() {
            return String.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%,d sent in the window,"
                            + " %,d received, %,d send failures)", latency.p50(), latency.p99(), latency.p999(),
                    latency.max(), sent, received, failed) + (firstFailure == null ? "" : "; first failure: " + firstFailure)
                    + (missing.isEmpty() ? "" : "; never received: " + missing);
        }
    }

    Result run(Duration warmUp, Duration measure) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        long expected = (measure.toNanos() + interval - 1) / interval;
        Latencies latencies = new Latencies((int) Math.min(Integer.MAX_VALUE - 8, expected * 2 + 1024));
        AtomicLong received = new AtomicLong();
        AtomicLong sentInWindow = new AtomicLong();
        AtomicLong issuedInWindow = new AtomicLong();
        AtomicLong settledInWindow = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        // Where each message of the window went, by message id, to name the ones that never arrive.
        Map<String, String> sentTo = new ConcurrentHashMap<>();
        Set<String> receivedIds = ConcurrentHashMap.newKeySet();

        // A group that never consumed, reading only what is sent from now on.
        DefaultMQPushConsumer consumer = clients.pushConsumer("bench-latency-" + System.nanoTime(), topic,
                ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, (messages, context) -> {
                    long now = System.nanoTime();
                    for (var message : messages) {
                        String due = message.getUserProperty(Payloads.SENT_NANOS);
                        if (due == null) {
                            continue;
                        }
                        long dueNanos = Long.parseLong(due);
                        if (dueNanos >= windowStart && dueNanos < windowEnd) {
                            latencies.record(now - dueNanos);
                            if (receivedIds.add(message.getMsgId())) {
                                received.incrementAndGet();
                            }
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        try {
            Thread sender = new Thread(() -> {
                for (long i = 0; ; i++) {
                    long due = start + i * interval;
                    if (due >= windowEnd) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    Message message = payloads.message(topic);
                    message.putUserProperty(Payloads.SENT_NANOS, Long.toString(due));
                    boolean inWindow = due >= windowStart;
                    if (inWindow) {
                        issuedInWindow.incrementAndGet();
                    }
                    try {
                        producer.send(message, new SendCallback() {
                            @Override
                            public void onSuccess(SendResult result) {
                                if (inWindow) {
                                    sentInWindow.incrementAndGet();
                                    settledInWindow.incrementAndGet();
                                    sentTo.put(result.getMsgId(), "queue " + result.getMessageQueue().getQueueId()
                                            + " offset " + result.getQueueOffset());
                                }
                            }

                            @Override
                            public void onException(Throwable e) {
                                if (inWindow) {
                                    settledInWindow.incrementAndGet();
                                }
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e.toString());
                            }
                        });
                    } catch (Exception e) {
                        if (inWindow) {
                            settledInWindow.incrementAndGet();
                        }
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }, "bench-paced-sender");
            sender.start();
            sender.join();
            // Async sends are still being acknowledged: count only once every send of the window is
            // settled, or a message acknowledged after the check would be reported as never received.
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (settledInWindow.get() < issuedInWindow.get() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Let the last messages arrive; a message that never does is reported, not waited for forever.
            while (received.get() < sentInWindow.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            consumer.shutdown();
        }
        List<String> missing = sentTo.entrySet().stream().filter(e -> !receivedIds.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().limit(10).toList();
        return new Result(latencies.summarize(), sentInWindow.get(), received.get(), failed.get(),
                firstFailure.get(), missing);
    }
}
