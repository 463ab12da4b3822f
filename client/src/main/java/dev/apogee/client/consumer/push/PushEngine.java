package dev.apogee.client.consumer.push;

import dev.apogee.client.consumer.MessageListener;
import dev.apogee.client.consumer.OrderlyListener;
import dev.apogee.client.consumer.offset.StartOffsets;
import dev.apogee.client.consumer.rebalance.Rebalancer;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo.ProcessQueueInfo;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.Map;
import java.util.Set;

/**
 * The moving parts of a push consumer, assembled: the queue table, the pull loop feeding it and the
 * dispatcher running the listener (concurrent or orderly), with the locks orderly clustering needs.
 * {@link dev.apogee.client.consumer.PushConsumer} drives it: rebalancing into {@link #queueOwner()},
 * periodic {@link #commitAll()} and {@link #renewLocks()}, and {@link #close(long)}.
 */
public final class PushEngine {

    private final QueueTable table;
    private final PullLoop pulls;
    private final Dispatcher dispatcher;
    private final boolean orderlyClustering;

    private PushEngine(PushContext context, Dispatcher dispatcher, boolean orderly) {
        this.dispatcher = dispatcher;
        this.orderlyClustering = orderly && context.clustering();
        this.pulls = new PullLoop(context, dispatcher, orderlyClustering);
        this.table = new QueueTable(context, new StartOffsets(context.offsets(), context.requests(),
                context.settings().startPosition()), pulls, new QueueLocks(context), orderlyClustering);
    }

    /** An engine running {@code listener} concurrently on threads named {@code threadName-N}. */
    public static PushEngine concurrent(PushContext context, MessageListener listener, String threadName) {
        return new PushEngine(context, new ConcurrentDispatcher(context, listener, threadName), false);
    }

    /** An engine running {@code listener} in queue order on threads named {@code threadName-N}. */
    public static PushEngine orderly(PushContext context, OrderlyListener listener, String threadName) {
        return new PushEngine(context, new OrderlyDispatcher(context, listener, threadName), true);
    }

    /** Where rebalancing hands its decisions. */
    public Rebalancer.QueueOwner queueOwner() {
        return table;
    }

    /** Whether queue locks are taken and must be renewed. */
    public boolean usesLocks() {
        return orderlyClustering;
    }

    /** Commits the offsets of every queue. */
    public void commitAll() {
        table.commitAll();
    }

    /** Renews the queue locks. */
    public void renewLocks() {
        if (orderlyClustering) {
            table.renewLocks();
        }
    }

    /** The queues read now. */
    public Set<MessageQueue> queues() {
        return table.queues();
    }

    /** Each queue read now, with its local state (GET_CONSUMER_RUNNING_INFO). */
    public Map<MessageQueue, ProcessQueueInfo> describe() {
        return table.describe();
    }

    /** Whether messages are consumed in queue order. */
    public boolean isOrderly() {
        return dispatcher instanceof OrderlyDispatcher;
    }

    /**
     * Stops pulling, waits up to {@code timeoutMillis} for listeners under way, then commits every
     * queue's offset (never past a message not consumed) and gives the locks back.
     */
    public void close(long timeoutMillis) {
        pulls.stop();
        dispatcher.close(timeoutMillis);
        table.releaseAll();
    }
}
