package dev.apogee.client.consumer.lite;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.consumer.Subscription;
import dev.apogee.client.consumer.broker.PullOutcome;
import dev.apogee.client.consumer.rebalance.Rebalancer;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo.ProcessQueueInfo;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The queues of a lite pull consumer and the bounded buffer that background pulls fill and
 * {@link #poll} drains: the owner of their state. Each queue has one long-polling pull outstanding
 * unless it is paused or holds {@code maxBufferedPerQueue} messages; poll takes from the queues in
 * turn so that none starves.
 */
public final class LiteQueues implements Rebalancer.QueueOwner {

    private static final Logger LOG = LogManager.getLogger(LiteQueues.class);
    private static final long FULL_BUFFER_PAUSE_MILLIS = 50;
    private static final long EMPTY_ANSWER_TOO_FAST_MILLIS = 100;
    private static final long EMPTY_ANSWER_PAUSE_MILLIS = 1_000;

    private final LiteContext context;
    private final Function<String, Subscription> subscriptions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<MessageQueue, LiteQueue> queues = new LinkedHashMap<>();
    private int turn;
    private volatile boolean closed;

    /** @param subscriptions the subscription of a topic (assigned queues read everything) */
    public LiteQueues(LiteContext context, Function<String, Subscription> subscriptions) {
        this.context = context;
        this.subscriptions = subscriptions;
    }

    /** Rebalancing: reads exactly {@code wanted} of {@code topic} from now on. */
    @Override
    public void assign(String topic, Set<MessageQueue> wanted) {
        List<MessageQueue> keep = new ArrayList<>(wanted);
        lock.lock();
        try {
            queues.keySet().stream().filter(q -> !q.topic().equals(topic)).forEach(keep::add);
        } finally {
            lock.unlock();
        }
        assignExactly(keep);
    }

    /** Reads exactly {@code wanted} from now on: new queues start at their offset, others are given up (their position committed). */
    public void assignExactly(Collection<MessageQueue> wanted) {
        List<LiteQueue> released = new ArrayList<>();
        List<MessageQueue> added = new ArrayList<>();
        lock.lock();
        try {
            for (LiteQueue queue : List.copyOf(queues.values())) {
                if (!wanted.contains(queue.queue)) {
                    queue.dropped = true;
                    queues.remove(queue.queue);
                    released.add(queue);
                }
            }
            for (MessageQueue mq : wanted) {
                if (!queues.containsKey(mq)) {
                    added.add(mq);
                }
            }
        } finally {
            lock.unlock();
        }
        for (LiteQueue queue : released) {
            context.offsets().update(queue.queue, queue.position, false);
            context.offsets().persist(List.of(queue.queue));
            context.offsets().forget(queue.queue);
        }
        for (MessageQueue mq : added) {
            long offset;
            try {
                offset = context.startOffsets().of(mq);
            } catch (RuntimeException e) {
                LOG.warn("cannot tell where group {} starts reading {}; skipping it for now: {}",
                        context.settings().group(), mq, e.getMessage());
                continue;
            }
            LiteQueue queue = new LiteQueue(mq, subscriptions.apply(mq.topic()), offset);
            lock.lock();
            try {
                if (queues.putIfAbsent(mq, queue) != null) {
                    continue; // another thread took it meanwhile
                }
            } finally {
                lock.unlock();
            }
            context.offsets().update(mq, offset, false);
            later(queue, queue.epoch, 0);
        }
    }

    /** The queues read now. */
    public Set<MessageQueue> assignment() {
        lock.lock();
        try {
            return Set.copyOf(queues.keySet());
        } finally {
            lock.unlock();
        }
    }

    private void later(LiteQueue queue, int epoch, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            context.scheduler().schedule(() -> pull(queue, epoch), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("lite consumer {} is closing", context.settings().group());
        }
    }

    private void pull(LiteQueue queue, int epoch) {
        long offset;
        lock.lock();
        try {
            if (closed || queue.dropped || queue.epoch != epoch || queue.paused) {
                // A paused queue is pulled again on resume; a seek started a pull of its own.
                return;
            }
            if (queue.buffered.size() >= context.settings().maxBufferedPerQueue()) {
                later(queue, epoch, FULL_BUFFER_PAUSE_MILLIS);
                return;
            }
            offset = queue.nextPullOffset;
        } finally {
            lock.unlock();
        }
        var settings = context.settings();
        long started = System.nanoTime();
        context.requests().pull(settings.group(), queue.queue, offset, settings.pullBatchSize(), queue.subscription,
                        0, -1, settings.suspendTimeout().toMillis(), settings.pullTimeout().toMillis(),
                        context.scheduler())
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        Throwable cause = Rpc.unwrap(failure);
                        if (!(cause instanceof ClientClosedException) && !closed) {
                            LOG.warn("pull of {} for group {} failed ({}); retrying in {}", queue.queue,
                                    settings.group(), cause.toString(), settings.pullBackoff());
                            later(queue, epoch, settings.pullBackoff().toMillis());
                        }
                    } else {
                        answered(queue, epoch, offset, outcome,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    }
                });
    }

    private void answered(LiteQueue queue, int epoch, long offset, PullOutcome outcome, long tookMillis) {
        long delay = 0;
        lock.lock();
        try {
            if (queue.dropped || queue.epoch != epoch || queue.nextPullOffset != offset) {
                return;
            }
            switch (outcome.status()) {
                case FOUND -> {
                    for (MessageView message : outcome.messages()) {
                        queue.buffered.addLast(message);
                        queue.bufferedBytes += message.body().length;
                    }
                    if (!outcome.messages().isEmpty()) {
                        arrived.signalAll();
                    }
                }
                case NO_NEW_MESSAGE -> delay = tookMillis < EMPTY_ANSWER_TOO_FAST_MILLIS ? EMPTY_ANSWER_PAUSE_MILLIS : 0;
                case OFFSET_ILLEGAL -> {
                    LOG.warn("offset {} of {} is outside the queue [{}, {}); continuing at {}", offset, queue.queue,
                            outcome.minOffset(), outcome.maxOffset(), outcome.nextBeginOffset());
                    delay = context.settings().pullBackoff().toMillis();
                }
                case NO_MATCHED_MESSAGE -> {
                }
            }
            queue.nextPullOffset = outcome.nextBeginOffset();
            if (queue.buffered.isEmpty()) {
                queue.position = queue.nextPullOffset;
            }
        } finally {
            lock.unlock();
        }
        later(queue, epoch, delay);
    }

    /**
     * Up to {@code max} buffered messages of queues not paused, taken from the queues in turn; waits up
     * to {@code timeoutMillis} for the first. Polled messages count as consumed for commits.
     */
    public List<MessageView> poll(long timeoutMillis, int max) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (true) {
                List<MessageView> taken = takeInTurn(max);
                if (!taken.isEmpty() || closed) {
                    return taken;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<MessageView> takeInTurn(int max) {
        List<LiteQueue> all = new ArrayList<>(queues.values());
        List<MessageView> taken = new ArrayList<>();
        if (all.isEmpty()) {
            return taken;
        }
        boolean progress = true;
        while (taken.size() < max && progress) {
            progress = false;
            for (int i = 0; i < all.size() && taken.size() < max; i++) {
                LiteQueue queue = all.get((turn + i) % all.size());
                if (!queue.paused && !queue.buffered.isEmpty()) {
                    taken.add(queue.take());
                    progress = true;
                }
            }
        }
        turn = (turn + 1) % all.size();
        return taken;
    }

    /** Makes the next poll of {@code mq} return the message at {@code offset}, dropping what was buffered. */
    public void seek(MessageQueue mq, long offset) {
        LiteQueue queue;
        lock.lock();
        try {
            queue = queues.get(mq);
            if (queue == null) {
                throw new IllegalStateException(mq + " is not assigned to this consumer");
            }
            queue.reset(offset);
        } finally {
            lock.unlock();
        }
        context.offsets().update(mq, offset, false);
        later(queue, queue.epoch, 0);
    }

    /** Stops pulling {@code mqs} and hides their buffered messages from poll until {@link #resume}. */
    public void pause(Collection<MessageQueue> mqs) {
        lock.lock();
        try {
            for (MessageQueue mq : mqs) {
                LiteQueue queue = queues.get(mq);
                if (queue != null) {
                    queue.paused = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Pulls and polls {@code mqs} again. */
    public void resume(Collection<MessageQueue> mqs) {
        List<LiteQueue> resumed = new ArrayList<>();
        lock.lock();
        try {
            for (MessageQueue mq : mqs) {
                LiteQueue queue = queues.get(mq);
                if (queue != null && queue.paused) {
                    queue.paused = false;
                    // A fresh epoch, so that a pull still held from before the pause does not double up.
                    queue.epoch++;
                    resumed.add(queue);
                }
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        resumed.forEach(queue -> later(queue, queue.epoch, 0));
    }

    /** The position of every queue: the offset of the next message poll would return. */
    public Map<MessageQueue, Long> positions() {
        lock.lock();
        try {
            Map<MessageQueue, Long> positions = new HashMap<>();
            queues.forEach((mq, queue) -> positions.put(mq, queue.position));
            return positions;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Each assigned queue's buffer as GET_CONSUMER_RUNNING_INFO reports it, with the offset {@code committed}
     * says the consumer will commit next.
     */
    public Map<MessageQueue, ProcessQueueInfo> describe(java.util.function.ToLongFunction<MessageQueue> committed) {
        lock.lock();
        try {
            Map<MessageQueue, ProcessQueueInfo> described = new java.util.TreeMap<>();
            queues.forEach((mq, queue) -> {
                long first = queue.buffered.isEmpty() ? 0 : queue.buffered.peekFirst().queueOffset();
                long last = queue.buffered.isEmpty() ? 0 : queue.buffered.peekLast().queueOffset();
                described.put(mq, new ProcessQueueInfo(committed.applyAsLong(mq), first, last,
                        queue.buffered.size(), (int) (queue.bufferedBytes >> 20), 0, 0, 0, false, 0, 0, false, 0, 0));
            });
            return described;
        } finally {
            lock.unlock();
        }
    }

    /** Stops every pull and wakes pollers. */
    public void close() {
        closed = true;
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
