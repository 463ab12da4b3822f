package dev.apogee.client.consumer.push;

import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.MessageListener;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a {@link MessageListener} on a fixed pool of named threads, one message per task, in any order.
 * A message the listener fails (RECONSUME_LATER or an exception) is sent back to the broker for a
 * later delivery; if that fails too it stays in its queue's cache, so its offset is not committed, and
 * is consumed here again after a pause. Broadcasting consumers drop failed messages, as RocketMQ's do.
 */
final class ConcurrentDispatcher implements Dispatcher {

    private static final Logger LOG = LogManager.getLogger(ConcurrentDispatcher.class);
    /** Flow control bounds what is cached per queue; this bounds the tasks of all queues together. */
    private static final int TASK_CAPACITY = 1 << 16;

    private final PushContext context;
    private final MessageListener listener;
    private final Redelivery redelivery;
    private final ThreadPoolExecutor pool;

    ConcurrentDispatcher(PushContext context, MessageListener listener, String threadName) {
        this.context = context;
        this.listener = listener;
        this.redelivery = new Redelivery(context);
        int threads = context.settings().consumeThreads();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(TASK_CAPACITY), new NamedThreadFactory(threadName, true));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void submit(ProcessQueue queue, List<MessageView> messages) {
        for (MessageView message : messages) {
            submitOne(queue, message);
        }
    }

    private void submitOne(ProcessQueue queue, MessageView message) {
        try {
            pool.execute(() -> consume(queue, message));
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                later(queue, message);
            }
        }
    }

    private void later(ProcessQueue queue, MessageView message) {
        try {
            context.scheduler().schedule(() -> submitOne(queue, message),
                    context.settings().retryLater().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("consumer {} is closing; {} stays uncommitted", context.group(), message);
        }
    }

    private void consume(ProcessQueue queue, MessageView message) {
        if (queue.isDropped()) {
            return;
        }
        MessageView view = redelivery.forListener(message, 0);
        ConsumeResult result;
        try {
            result = listener.consume(view);
            if (result == null) {
                result = ConsumeResult.RECONSUME_LATER;
            }
        } catch (Throwable e) {
            LOG.warn("listener of group {} failed on {}; it will be delivered again", context.group(), view, e);
            result = ConsumeResult.RECONSUME_LATER;
        }
        if (queue.isDropped()) {
            // The queue went to another member meanwhile; it resumes from the last committed offset.
            return;
        }
        if (result == ConsumeResult.SUCCESS) {
            done(queue, message);
        } else if (!context.clustering()) {
            LOG.warn("broadcasting consumer of group {} drops {}, which its listener failed", context.group(), view);
            done(queue, message);
        } else {
            redelivery.sendBack(queue.queue(), message, view.topic(), false).whenComplete((ok, failure) -> {
                if (failure == null) {
                    done(queue, message);
                } else {
                    LOG.warn("sending {} back for group {} failed ({}); consuming it again locally", view,
                            context.group(), Rpc.unwrap(failure).getMessage());
                    later(queue, message);
                }
            });
        }
    }

    private void done(ProcessQueue queue, MessageView message) {
        long offset = queue.remove(List.of(message));
        if (offset >= 0 && !queue.isDropped()) {
            context.offsets().update(queue.queue(), offset, true);
        }
    }

    @Override
    public void close(long timeoutMillis) {
        pool.shutdown();
        // Messages not started stay in their queues' caches, uncommitted: the next reader gets them.
        pool.getQueue().clear();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("listeners of group {} still running after {} ms; interrupting them", context.group(),
                        timeoutMillis);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
