package dev.apogee.client.consumer.push;

import dev.apogee.client.consumer.offset.StartOffsets;
import dev.apogee.client.consumer.rebalance.Rebalancer;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo.ProcessQueueInfo;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The queues one push consumer reads, each with its {@link ProcessQueue}: the owner of that table.
 * Rebalancing hands it the wanted queues; it starts pulling new ones (after taking their lock when
 * consuming in order) and gives up the others, committing their offsets first and then unlocking them.
 * Mutated only on the consumer's rebalance thread; read from anywhere.
 */
public final class QueueTable implements Rebalancer.QueueOwner {

    private static final Logger LOG = LogManager.getLogger(QueueTable.class);
    /** How long giving up a queue waits for its orderly listener to finish the message in hand. */
    private static final long RELEASE_WAIT_MILLIS = 1_000;

    private final PushContext context;
    private final StartOffsets startOffsets;
    private final PullLoop pulls;
    private final QueueLocks locks;
    private final boolean orderlyClustering;
    private final Map<MessageQueue, ProcessQueue> table = new ConcurrentHashMap<>();

    QueueTable(PushContext context, StartOffsets startOffsets, PullLoop pulls, QueueLocks locks,
               boolean orderlyClustering) {
        this.context = context;
        this.startOffsets = startOffsets;
        this.pulls = pulls;
        this.locks = locks;
        this.orderlyClustering = orderlyClustering;
    }

    @Override
    public void assign(String topic, Set<MessageQueue> wanted) {
        boolean changed = false;
        for (MessageQueue mq : List.copyOf(table.keySet())) {
            if (mq.topic().equals(topic) && !wanted.contains(mq)) {
                release(mq);
                changed = true;
            }
        }
        for (MessageQueue mq : wanted) {
            if (!table.containsKey(mq) && take(mq)) {
                changed = true;
            }
        }
        if (changed) {
            LOG.info("group {} member {} now reads {} of {}", context.group(), context.clientId(),
                    queues().stream().filter(q -> q.topic().equals(topic)).map(q -> q.brokerName() + "/" + q.queueId())
                            .sorted().collect(Collectors.joining(", ", "[", "]")), topic);
        }
    }

    private boolean take(MessageQueue mq) {
        ProcessQueue queue = new ProcessQueue(mq);
        if (orderlyClustering && !locks.lock(queue)) {
            return false;
        }
        long offset;
        try {
            offset = startOffsets.of(mq);
        } catch (RuntimeException e) {
            LOG.warn("cannot tell where group {} starts reading {}; trying again at the next rebalance: {}",
                    context.group(), mq, e.getMessage());
            if (orderlyClustering) {
                locks.unlock(List.of(mq));
            }
            return false;
        }
        context.offsets().update(mq, offset, false);
        table.put(mq, queue);
        pulls.start(queue, offset);
        return true;
    }

    private void release(MessageQueue mq) {
        ProcessQueue queue = table.remove(mq);
        if (queue == null) {
            return;
        }
        queue.drop();
        boolean waited = false;
        if (orderlyClustering) {
            // Keep the lock until the message in hand is done, so the next owner never overlaps with it.
            try {
                waited = queue.consumingLock().tryLock(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // What was consumed since the last periodic commit counts too (the dispatchers stop updating
            // the offset of a dropped queue).
            long offset = queue.offsetToCommit();
            if (offset >= 0) {
                context.offsets().update(mq, offset, true);
            }
            context.offsets().persist(List.of(mq));
            context.offsets().forget(mq);
            if (orderlyClustering) {
                locks.unlock(List.of(mq));
            }
        } finally {
            if (waited) {
                queue.consumingLock().unlock();
            }
        }
    }

    /** Moves each queue's offset up to its smallest unconsumed message and writes them all out. */
    void commitAll() {
        for (ProcessQueue queue : table.values()) {
            long offset = queue.offsetToCommit();
            if (offset >= 0) {
                context.offsets().update(queue.queue(), offset, true);
            }
        }
        context.offsets().persist(List.copyOf(table.keySet()));
    }

    /** Renews the locks of every queue (orderly, clustering). */
    void renewLocks() {
        locks.renew(List.copyOf(table.values()));
    }

    /** Commits every queue's offset and gives the locks back (on close, after the listeners stopped). */
    void releaseAll() {
        List<MessageQueue> all = new ArrayList<>(table.keySet());
        for (ProcessQueue queue : table.values()) {
            queue.drop();
            long offset = queue.offsetToCommit();
            if (offset >= 0) {
                context.offsets().update(queue.queue(), offset, true);
            }
        }
        context.offsets().persist(all);
        if (orderlyClustering) {
            locks.unlock(all);
        }
        table.clear();
    }

    /** The queues read now. */
    public Set<MessageQueue> queues() {
        return Set.copyOf(table.keySet());
    }

    /** Each queue read now, with its local state and the offset it will commit next. */
    public Map<MessageQueue, ProcessQueueInfo> describe() {
        Map<MessageQueue, ProcessQueueInfo> described = new TreeMap<>();
        table.forEach((mq, queue) -> described.put(mq, queue.describe(context.offsets().current(mq))));
        return described;
    }
}
