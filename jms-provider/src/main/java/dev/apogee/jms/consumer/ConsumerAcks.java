package dev.apogee.jms.consumer;

import dev.apogee.client.ClientException;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * How a consumer's messages are settled on the broker: acknowledgements that wait for the broker's answer
 * (CLIENT acknowledge, commit, a dead-lettered or dropped message), one by one or in one batch ack, and
 * acknowledgements sent without waiting (AUTO and DUPS_OK): the application already has the message, and an
 * ack that fails only means the message comes back after its invisible time, redelivered, which both modes
 * allow on a failure. The consumer's close waits for the acks still on their way ({@link #await}), so
 * closing never makes an acknowledged message visible again.
 *
 * <p>In the background at most one request is on its way at a time: an ack made while one is unanswered waits for it and
 * goes with every other ack made meanwhile in one batch ack. An idle consumer's ack leaves at once; a
 * busy one's acks cost one request per round trip instead of one per message, which is most of what a
 * consumer reading a backlog asks of the broker.
 *
 * <p>Thread-safe.
 */
final class ConsumerAcks {

    private static final Logger LOG = LogManager.getLogger(ConsumerAcks.class);
    /** Acks per request at most (the broker takes up to 8,192). */
    static final int MAX_BATCH = 256;

    private final PopConsumer pop;
    private final Object owner;
    private final Object lock = new Object();
    /** Acks made while a request was on its way, for the next one. Guarded by {@link #lock}. */
    private List<ReceivedMessage> waiting = new ArrayList<>();
    /** Whether a request is on its way. Guarded by {@link #lock}. */
    private boolean sending;

    /** @param owner what the acks belong to, for log lines (the consumer's destination) */
    ConsumerAcks(PopConsumer pop, Object owner) {
        this.pop = pop;
        this.owner = owner;
    }

    /** Acknowledges {@code received} and waits for the answer; a failure (a stale receipt, say) is logged. */
    void now(ReceivedMessage received) {
        try {
            pop.ack(received);
        } catch (ClientException e) {
            LOG.warn("acknowledging {} of {} failed (it may be delivered again): {}", received.messageId(), owner,
                    e.getMessage());
        }
    }

    /** Acknowledges {@code received} in one batch ack and waits for the answer; a failure is logged. */
    void now(List<ReceivedMessage> received) {
        if (received.size() == 1) {
            now(received.get(0));
            return;
        }
        try {
            pop.ackAll(received);
        } catch (ClientException e) {
            LOG.warn("acknowledging {} messages of {} failed (they may be delivered again): {}", received.size(),
                    owner, e.getMessage());
        }
    }

    /** Acknowledges a message the application never sees (filtered out, expired); a failure is only debug. */
    void quietly(ReceivedMessage received) {
        try {
            pop.ack(received);
        } catch (ClientException e) {
            LOG.debug("could not ack {} of {}: {}", received.messageId(), owner, e.getMessage());
        }
    }

    /** Acknowledges {@code received} in the background; a failure is logged. */
    void inBackground(ReceivedMessage received) {
        List<ReceivedMessage> batch;
        synchronized (lock) {
            waiting.add(received);
            if (sending) {
                return;
            }
            sending = true;
            batch = takeWaiting();
        }
        send(batch);
    }

    private List<ReceivedMessage> takeWaiting() {
        if (waiting.size() <= MAX_BATCH) {
            List<ReceivedMessage> taken = waiting;
            waiting = new ArrayList<>();
            return taken;
        }
        List<ReceivedMessage> head = waiting.subList(0, MAX_BATCH);
        List<ReceivedMessage> taken = new ArrayList<>(head);
        head.clear();
        return taken;
    }

    private void send(List<ReceivedMessage> batch) {
        CompletableFuture<Void> answered;
        try {
            answered = batch.size() == 1 ? pop.ackAsync(batch.get(0)) : pop.ackAllAsync(batch);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("acknowledging {} messages of {} failed (they may be delivered again): {}", batch.size(),
                        owner, failure.toString());
            }
            List<ReceivedMessage> next;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    sending = false;
                    lock.notifyAll();
                    return;
                }
                next = takeWaiting();
            }
            send(next);
        });
    }

    /** Waits, at most {@code limit}, until every ack made has its answer. */
    void await(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (sending) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("acks of {} still unanswered at close ({} more waiting behind them)", owner,
                            waiting.size());
                    return;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
