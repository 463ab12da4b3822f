package dev.apogee.jms.consumer;

import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Acknowledgements sent without waiting for the broker's answer (AUTO and DUPS_OK): the application
 * already has the message, and an ack that fails only means the message comes back after its invisible
 * time, redelivered, which both modes allow on a failure. The consumer's close waits for the acks still on
 * their way ({@link #await}), so closing never makes an acknowledged message visible again.
 *
 * <p>Thread-safety: safe from any thread.
 */
final class BackgroundAcks {

    private static final Logger LOG = LogManager.getLogger(BackgroundAcks.class);

    private final PopConsumer pop;
    private final Object owner;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param owner what the acks belong to, for log lines (the consumer's destination) */
    BackgroundAcks(PopConsumer pop, Object owner) {
        this.pop = pop;
        this.owner = owner;
    }

    /** Sends the ack of {@code received}; a failure is logged. */
    void ack(ReceivedMessage received) {
        inFlight.incrementAndGet();
        try {
            pop.ackAsync(received).whenComplete((done, failure) -> {
                if (failure != null) {
                    failed(received, failure);
                }
                settled();
            });
        } catch (RuntimeException e) {
            settled();
            failed(received, e);
        }
    }

    /** Waits, at most {@code limit}, until every ack sent has its answer. */
    void await(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("{} acks of {} still unanswered at close", inFlight.get(), owner);
                    return;
                }
                try {
                    inFlight.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void settled() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    private void failed(ReceivedMessage received, Throwable failure) {
        LOG.warn("acknowledging {} of {} failed (it may be delivered again): {}", received.messageId(), owner,
                failure.toString());
    }
}
