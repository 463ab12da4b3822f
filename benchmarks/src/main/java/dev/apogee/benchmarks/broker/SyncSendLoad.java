package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;

/**
 * Sync send throughput: {@code threads} threads share one producer (as an application would) and
 * each sends, waits for the broker's answer, and sends again. Only SEND_OK answers count; with
 * SYNC_FLUSH that means the message was forced to disk.
 */
final class SyncSendLoad {

    private final DefaultMQProducer producer;
    private final String topic;
    private final Payloads payloads;
    private final int threads;

    SyncSendLoad(DefaultMQProducer producer, String topic, Payloads payloads, int threads) {
        this.producer = producer;
        this.topic = topic;
        this.payloads = payloads;
        this.threads = threads;
    }

    Throughput run(ServerUnderTest server, Duration warmUp, Duration measure) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        // The threads run through warm-up and measurement; the counters are read at the boundaries.
        PhasedRun run = new PhasedRun();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                while (run.running()) {
                    try {
                        SendResult result = producer.send(payloads.message(topic));
                        if (result.getSendStatus() == SendStatus.SEND_OK) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, result.getSendStatus().toString());
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    } catch (Error e) {
                        // Not expected from the client: keep it visible, but let the run end normally.
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }, "bench-sync-sender-" + t);
            senders.add(sender);
            sender.start();
        }
        try {
            return run.measure(server, warmUp, measure, ok, failed, firstFailure);
        } finally {
            run.stop();
            for (Thread sender : senders) {
                sender.join();
            }
        }
    }
}
