package dev.apogee.client.consumer.push;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.consumer.Subscription;
import dev.apogee.client.consumer.broker.PullOutcome;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps one long-polling pull outstanding per queue: the broker holds a pull that finds nothing for the
 * suspend time, so an idle queue costs one request per 15 s. A queue is not pulled while its cache is
 * over the limits (checked again every 50 ms), nor, when consuming in order, while its lock is not held;
 * after an error it waits the back-off. Every pull piggybacks the queue's offset to commit.
 */
final class PullLoop {

    private static final Logger LOG = LogManager.getLogger(PullLoop.class);
    private static final long FLOW_CONTROL_PAUSE_MILLIS = 50;
    /** An empty answer faster than this came from a broker that does not hold pulls: do not spin on it. */
    private static final long EMPTY_ANSWER_TOO_FAST_MILLIS = 100;
    private static final long EMPTY_ANSWER_PAUSE_MILLIS = 1_000;

    private final PushContext context;
    private final Dispatcher dispatcher;
    private final boolean needsLock;
    private final AtomicLong flowControlled = new AtomicLong();
    private volatile boolean stopped;

    PullLoop(PushContext context, Dispatcher dispatcher, boolean needsLock) {
        this.context = context;
        this.dispatcher = dispatcher;
        this.needsLock = needsLock;
    }

    /** Starts pulling {@code queue} at {@code offset}. */
    void start(ProcessQueue queue, long offset) {
        later(queue, offset, 0);
    }

    /** No pull starts from now on; answers of pulls under way are dropped (the cache is not extended). */
    void stop() {
        stopped = true;
    }

    private void later(ProcessQueue queue, long offset, long delayMillis) {
        if (stopped) {
            return;
        }
        try {
            context.scheduler().schedule(() -> pull(queue, offset), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("consumer {} is closing; no more pulls of {}", context.group(), queue.queue());
        }
    }

    private void pull(ProcessQueue queue, long offset) {
        if (stopped || queue.isDropped()) {
            return;
        }
        var settings = context.settings();
        if (queue.overLimit(settings.maxCachedMessages(), settings.maxCachedBytes())) {
            if (flowControlled.getAndIncrement() % 1000 == 0) {
                LOG.info("group {} pauses pulling {}: {} messages, {} bytes cached (limits {}, {})", context.group(),
                        queue.queue(), queue.count(), queue.bytes(), settings.maxCachedMessages(),
                        settings.maxCachedBytes());
            }
            later(queue, offset, FLOW_CONTROL_PAUSE_MILLIS);
            return;
        }
        if (needsLock && !queue.isLocked()) {
            later(queue, offset, settings.pullBackoff().toMillis());
            return;
        }
        MessageQueue mq = queue.queue();
        Subscription subscription = context.subscriptions().get(mq.topic());
        long commitOffset = context.clustering() ? context.offsets().current(mq) : -1;
        long started = System.nanoTime();
        context.requests().pull(context.group(), mq, offset, settings.pullBatchSize(), subscription,
                        context.subVersion(), commitOffset, settings.suspendTimeout().toMillis(),
                        settings.pullTimeout().toMillis(), context.scheduler())
                .whenComplete((outcome, failure) -> {
                    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        failed(queue, offset, Rpc.unwrap(failure));
                    } else {
                        answered(queue, offset, outcome, tookMillis);
                    }
                });
    }

    private void answered(ProcessQueue queue, long offset, PullOutcome outcome, long tookMillis) {
        if (stopped || queue.isDropped()) {
            return;
        }
        long next = outcome.nextBeginOffset();
        switch (outcome.status()) {
            case FOUND -> {
                queue.add(outcome.messages(), next);
                if (!outcome.messages().isEmpty()) {
                    dispatcher.submit(queue, outcome.messages());
                } else {
                    caughtUp(queue);
                }
                later(queue, next, 0);
            }
            case NO_MATCHED_MESSAGE -> {
                queue.add(List.of(), next);
                caughtUp(queue);
                later(queue, next, 0);
            }
            case NO_NEW_MESSAGE -> {
                queue.add(List.of(), next);
                caughtUp(queue);
                later(queue, next, tookMillis < EMPTY_ANSWER_TOO_FAST_MILLIS ? EMPTY_ANSWER_PAUSE_MILLIS : 0);
            }
            case OFFSET_ILLEGAL -> {
                LOG.warn("offset {} of {} is outside the queue [{}, {}); group {} continues at {}", offset,
                        queue.queue(), outcome.minOffset(), outcome.maxOffset(), context.group(), next);
                queue.add(List.of(), next);
                context.offsets().update(queue.queue(), next, false);
                later(queue, next, context.settings().pullBackoff().toMillis());
            }
        }
    }

    /** With nothing cached, the offset may move up to where pulling continues (past filtered messages). */
    private void caughtUp(ProcessQueue queue) {
        if (queue.count() == 0) {
            context.offsets().update(queue.queue(), queue.offsetToCommit(), true);
        }
    }

    private void failed(ProcessQueue queue, long offset, Throwable cause) {
        if (cause instanceof ClientClosedException || queue.isDropped()) {
            return;
        }
        if (cause instanceof BrokerRefusedException refused) {
            // NO_PERMISSION, SUBSCRIPTION_NOT_EXIST, SYSTEM_BUSY, ...: nothing to do but try again later.
            LOG.warn("pull of {} for group {} refused ({}); retrying in {}", queue.queue(), context.group(),
                    refused.getMessage(), context.settings().pullBackoff());
        } else {
            LOG.warn("pull of {} for group {} failed ({}); retrying in {}", queue.queue(), context.group(),
                    cause.toString(), context.settings().pullBackoff());
        }
        later(queue, offset, context.settings().pullBackoff().toMillis());
    }
}
