package dev.apogee.client.consumer.push;

import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo.ProcessQueueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one queue pulled and not yet consumed, by offset, and what follows from them: whether
 * to keep pulling (flow control) and which offset may be committed, the smallest unconsumed one, so
 * that a commit never passes a message still being processed. Orderly consumption takes messages out
 * in order and puts them back when the listener asks to retry.
 *
 * <p>Thread-safe: the pull loop adds, consumer threads remove, the committer reads.
 */
public final class ProcessQueue {

    private final MessageQueue queue;
    private final TreeMap<Long, MessageView> cached = new TreeMap<>();
    /** Orderly only: taken out for the listener, not yet done. */
    private final TreeMap<Long, MessageView> inProgress = new TreeMap<>();
    /** Orderly only: local redeliveries of a message that was suspended, by offset. */
    private final Map<Long, Integer> localRetries = new HashMap<>();
    private long cachedBytes;
    /** Where the next pull starts: every offset below it was either cached or filtered out by the broker. */
    private long pulledUpTo = -1;
    private volatile boolean dropped;
    // Orderly consumption in clustering mode: the broker's lock of the queue and when it was last confirmed.
    private volatile boolean locked;
    private volatile long lockedAtMillis;
    /** When a pull last added messages and a listener last finished some: for GET_CONSUMER_RUNNING_INFO. */
    private volatile long lastPullMillis;
    private volatile long lastConsumeMillis;
    /** Held while the listener works on this queue (orderly), so giving the queue up can wait for it. */
    private final ReentrantLock consuming = new ReentrantLock();
    /** Orderly: a consume task of this queue is queued or running; at most one is. */
    final AtomicBoolean taskScheduled = new AtomicBoolean();

    public ProcessQueue(MessageQueue queue) {
        this.queue = queue;
    }

    public MessageQueue queue() {
        return queue;
    }

    /** Adds pulled messages; {@code nextOffset} is where the following pull starts. */
    public synchronized void add(List<MessageView> messages, long nextOffset) {
        for (MessageView message : messages) {
            if (cached.put(message.queueOffset(), message) == null) {
                cachedBytes += message.body().length;
            }
        }
        pulledUpTo = Math.max(pulledUpTo, nextOffset);
        lastPullMillis = System.currentTimeMillis();
    }

    /** Concurrent: removes consumed (or given back) messages; returns the offset that may be committed now. */
    public synchronized long remove(List<MessageView> messages) {
        for (MessageView message : messages) {
            if (cached.remove(message.queueOffset()) != null) {
                cachedBytes -= message.body().length;
            }
        }
        lastConsumeMillis = System.currentTimeMillis();
        return offsetToCommit();
    }

    /**
     * The smallest offset not consumed yet: the first cached or in-progress message, else where pulling
     * continues; -1 before the first pull answered.
     */
    public synchronized long offsetToCommit() {
        long first = Long.MAX_VALUE;
        if (!cached.isEmpty()) {
            first = cached.firstKey();
        }
        if (!inProgress.isEmpty()) {
            first = Math.min(first, inProgress.firstKey());
        }
        return first != Long.MAX_VALUE ? first : pulledUpTo;
    }

    /** Messages cached, in progress included. */
    public synchronized int count() {
        return cached.size() + inProgress.size();
    }

    /** Bytes of bodies cached, in progress included. */
    public synchronized long bytes() {
        return cachedBytes;
    }

    /** Whether pulling must pause: more than {@code maxCount} messages or {@code maxBytes} bytes are cached. */
    public synchronized boolean overLimit(int maxCount, long maxBytes) {
        return count() > maxCount || cachedBytes > maxBytes;
    }

    /** Orderly: takes the first {@code max} cached messages out, in offset order. */
    public synchronized List<MessageView> takeInOrder(int max) {
        List<MessageView> taken = new ArrayList<>();
        while (taken.size() < max && !cached.isEmpty()) {
            Map.Entry<Long, MessageView> first = cached.pollFirstEntry();
            inProgress.put(first.getKey(), first.getValue());
            taken.add(first.getValue());
        }
        return taken;
    }

    /** Orderly: the messages taken out are done; returns the offset that may be committed now. */
    public synchronized long finishInOrder() {
        for (MessageView message : inProgress.values()) {
            cachedBytes -= message.body().length;
            localRetries.remove(message.queueOffset());
        }
        inProgress.clear();
        lastConsumeMillis = System.currentTimeMillis();
        return offsetToCommit();
    }

    /** Orderly: puts the messages taken out back, to be delivered again; returns how often the first was retried. */
    public synchronized int retryInOrder() {
        int retries = 0;
        if (!inProgress.isEmpty()) {
            retries = localRetries.merge(inProgress.firstKey(), 1, Integer::sum);
        }
        cached.putAll(inProgress);
        inProgress.clear();
        return retries;
    }

    /** Orderly: how often the message at {@code offset} was delivered again locally. */
    public synchronized int localRetries(long offset) {
        return localRetries.getOrDefault(offset, 0);
    }

    /** Whether cached messages wait for consumption (not counting those in progress). */
    public synchronized boolean hasWaiting() {
        return !cached.isEmpty();
    }

    /** The queue was given up: pulling stops and results of consumption are no longer committed. */
    public void drop() {
        dropped = true;
    }

    public boolean isDropped() {
        return dropped;
    }

    /** Records the broker's lock as held (confirmed now) or lost. */
    public void locked(boolean held, long nowMillis) {
        locked = held;
        if (held) {
            lockedAtMillis = nowMillis;
        }
    }

    /** Whether the broker's lock is held and was confirmed within {@code maxAgeMillis}. */
    public boolean holdsLock(long nowMillis, long maxAgeMillis) {
        return locked && nowMillis - lockedAtMillis <= maxAgeMillis;
    }

    public boolean isLocked() {
        return locked;
    }

    /** The lock a listener holds while it consumes this queue (orderly). */
    public ReentrantLock consumingLock() {
        return consuming;
    }

    /** This queue's state as an admin's GET_CONSUMER_RUNNING_INFO reports it; {@code commitOffset} is the store's. */
    public synchronized ProcessQueueInfo describe(long commitOffset) {
        long min = Long.MAX_VALUE;
        long max = -1;
        for (TreeMap<Long, MessageView> part : List.of(cached, inProgress)) {
            if (!part.isEmpty()) {
                min = Math.min(min, part.firstKey());
                max = Math.max(max, part.lastKey());
            }
        }
        return new ProcessQueueInfo(commitOffset, min == Long.MAX_VALUE ? 0 : min, Math.max(max, 0), count(),
                (int) (cachedBytes >> 20), 0, 0, 0, locked, 0, lockedAtMillis, dropped, lastPullMillis,
                lastConsumeMillis);
    }

    @Override
    public String toString() {
        return "ProcessQueue[" + queue + ", cached=" + count() + ", dropped=" + dropped + "]";
    }
}
