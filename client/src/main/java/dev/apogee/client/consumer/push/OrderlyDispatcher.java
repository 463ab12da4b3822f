package dev.apogee.client.consumer.push;

import dev.apogee.client.consumer.OrderlyListener;
import dev.apogee.client.consumer.OrderlyResult;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs an {@link OrderlyListener}: per queue one task at a time, taking the queue's messages in offset
 * order, each after the previous one succeeded. In clustering mode a queue is consumed only while the
 * broker's lock on it is held and fresh. A message the listener suspends is put back and the queue
 * pauses; after {@code maxReconsumeTimes} local retries it goes to the dead-letter topic so the queue
 * can move on. A task yields its thread after a time slice so that busy queues do not starve others.
 */
final class OrderlyDispatcher implements Dispatcher {

    private static final Logger LOG = LogManager.getLogger(OrderlyDispatcher.class);
    private static final long TIME_SLICE_MILLIS = 1_000;

    private final PushContext context;
    private final OrderlyListener listener;
    private final Redelivery redelivery;
    /** At most one task per queue is queued, so the queue's length is bounded by the number of queues. */
    private final ThreadPoolExecutor pool;
    private volatile boolean closed;

    OrderlyDispatcher(PushContext context, OrderlyListener listener, String threadName) {
        this.context = context;
        this.listener = listener;
        this.redelivery = new Redelivery(context);
        int threads = context.settings().consumeThreads();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory(threadName, true));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void submit(ProcessQueue queue, List<MessageView> messages) {
        schedule(queue, 0);
    }

    private void schedule(ProcessQueue queue, long delayMillis) {
        if (closed || queue.isDropped() || !queue.taskScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            if (delayMillis <= 0) {
                pool.execute(() -> run(queue));
            } else {
                context.scheduler().schedule(() -> {
                    try {
                        pool.execute(() -> run(queue));
                    } catch (RejectedExecutionException e) {
                        queue.taskScheduled.set(false);
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            queue.taskScheduled.set(false);
        }
    }

    private void run(ProcessQueue queue) {
        long retryIn = -1;
        queue.consumingLock().lock();
        try {
            retryIn = consumeSlice(queue);
        } finally {
            queue.consumingLock().unlock();
            queue.taskScheduled.set(false);
        }
        if (retryIn >= 0) {
            schedule(queue, retryIn);
        } else if (queue.hasWaiting()) {
            // Messages that arrived while this task was finishing found it still scheduled.
            schedule(queue, 0);
        }
    }

    /** Consumes messages of {@code queue} in order; returns when to come back (ms), or -1 when it is drained. */
    private long consumeSlice(ProcessQueue queue) {
        long sliceEnd = System.currentTimeMillis() + TIME_SLICE_MILLIS;
        long pause = context.settings().orderlySuspend().toMillis();
        while (!closed && !queue.isDropped()) {
            long now = System.currentTimeMillis();
            if (context.clustering() && !queue.holdsLock(now, context.settings().lockMaxAge().toMillis())) {
                return pause;
            }
            if (now > sliceEnd) {
                return 0;
            }
            List<MessageView> taken = queue.takeInOrder(1);
            if (taken.isEmpty()) {
                return -1;
            }
            MessageView message = taken.get(0);
            int localRetries = queue.localRetries(message.queueOffset());
            MessageView view = redelivery.forListener(message, localRetries);
            OrderlyResult result;
            try {
                result = listener.consume(view);
                if (result == null) {
                    result = OrderlyResult.SUSPEND;
                }
            } catch (Throwable e) {
                LOG.warn("orderly listener of group {} failed on {}; retrying it", context.group(), view, e);
                result = OrderlyResult.SUSPEND;
            }
            if (result == OrderlyResult.SUCCESS) {
                // Recorded even if the queue was given up meanwhile: the member releasing it waits for
                // this message and commits the queue's offset past it before unlocking, so the next
                // owner does not deliver it again.
                commit(queue, queue.finishInOrder());
                continue;
            }
            if (queue.isDropped()) {
                return -1;
            }
            if (localRetries >= context.settings().maxReconsumeTimes() && deadLettered(queue, message, view)) {
                commit(queue, queue.finishInOrder());
            } else {
                queue.retryInOrder();
                return pause;
            }
        }
        return -1;
    }

    private boolean deadLettered(ProcessQueue queue, MessageView message, MessageView view) {
        try {
            Rpc.await(redelivery.sendBack(queue.queue(), message, view.topic(), true));
            LOG.warn("orderly group {} gave up on {} after {} retries; it went to the dead-letter topic",
                    context.group(), view, view.reconsumeTimes());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not move {} of group {} to the dead-letter topic: {}", view, context.group(),
                    e.getMessage());
            return false;
        }
    }

    private void commit(ProcessQueue queue, long offset) {
        if (offset >= 0 && !queue.isDropped()) {
            context.offsets().update(queue.queue(), offset, true);
        }
    }

    @Override
    public void close(long timeoutMillis) {
        closed = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("orderly listeners of group {} still running after {} ms; interrupting them",
                        context.group(), timeoutMillis);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
