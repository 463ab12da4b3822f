package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Async send throughput: one thread hands messages to the producer's async send as fast as a
 * window of {@code inFlight} unanswered sends allows. The window stands for an application's
 * back-pressure; without it the client would queue sends until memory runs out.
 */
final class AsyncSendLoad {

    private final DefaultMQProducer producer;
    private final int inFlight;

    AsyncSendLoad(DefaultMQProducer producer, int inFlight) {
        this.producer = producer;
        this.inFlight = inFlight;
    }

    /** Sends until stopped, measuring after the warm-up. */
    Throughput run(ServerUnderTest server, Supplier<Message> messages, Duration warmUp, Duration measure)
            throws InterruptedException {
        Window window = new Window(inFlight);
        PhasedRun run = new PhasedRun();
        Thread sender = new Thread(() -> {
            while (run.running()) {
                if (!window.send(producer, messages.get())) {
                    break;
                }
            }
        }, "bench-async-sender");
        sender.start();
        try {
            return run.measure(server, warmUp, measure, window.ok, window.failed, window.firstFailure);
        } finally {
            run.stop();
            sender.join();
            window.drain(Duration.ofSeconds(30));
        }
    }

    /**
     * Sends {@code count} messages and waits for every answer; returns the throughput of the whole
     * batch (the backlog of the catch-up figure).
     */
    Throughput sendAll(ServerUnderTest server, Supplier<Message> messages, long count, Duration timeout)
            throws InterruptedException {
        Window window = new Window(inFlight);
        Duration cpuBefore = server.totalCpuTime();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            if (!window.send(producer, messages.get())) {
                break;
            }
        }
        window.drain(timeout);
        return new Throughput(window.ok.get(), window.failed.get(), Duration.ofNanos(System.nanoTime() - start),
                server.totalCpuTime().minus(cpuBefore), window.firstFailure.get());
    }

    /** Sends in flight, bounded, with their outcomes counted. */
    private static final class Window {
        final Semaphore permits;
        final int size;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        Window(int size) {
            this.size = size;
            this.permits = new Semaphore(size);
        }

        /** Sends one message once the window has room; false if interrupted. */
        boolean send(DefaultMQProducer producer, Message message) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                producer.send(message, new SendCallback() {
                    @Override
                    public void onSuccess(SendResult result) {
                        if (result.getSendStatus() == SendStatus.SEND_OK) {
                            ok.incrementAndGet();
                        } else {
                            fail(result.getSendStatus().toString());
                        }
                        permits.release();
                    }

                    @Override
                    public void onException(Throwable e) {
                        fail(e.toString());
                        permits.release();
                    }
                });
            } catch (Exception e) {
                // Refused before it went out (e.g. the client's own queue is full): no callback follows.
                fail(e.toString());
                permits.release();
            }
            return true;
        }

        private void fail(String why) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, why);
        }

        /** Waits until every send in flight has been answered. */
        void drain(Duration timeout) throws InterruptedException {
            if (permits.tryAcquire(size, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                permits.release(size);
            } else {
                System.err.println("  warning: " + (size - permits.availablePermits())
                        + " async sends still unanswered after " + timeout.toSeconds() + " s");
            }
        }
    }
}
