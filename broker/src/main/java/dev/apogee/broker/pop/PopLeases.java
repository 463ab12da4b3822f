package dev.apogee.broker.pop;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Pop consumption: message-level hand-outs with an invisible time, so any number of consumers of a
 * group share a queue. A message handed out and not acknowledged before its deadline becomes
 * available again (with its delivery count raised, visible to the consumer as its reconsume times);
 * one handed out more than the retry limit goes to the group's dead-letter topic instead.
 *
 * <p>What survives a restart: the acknowledged prefix of each queue, committed as the group's
 * consumer offset (so consumer progress and lag tools see pop groups too). Hand-outs in flight at a
 * restart are handed out again: at-least-once, never lost.
 *
 * <p>Thread-safety: one monitor per (group, topic, queue); reads of the store happen under it, puts
 * to the dead-letter topic are returned to the caller to store outside it.
 */
public final class PopLeases {

    /** A message handed out: its record (reconsume times set to its earlier deliveries) and queue offset. */
    public record HandOut(byte[] record, int queueId, long queueOffset) {
    }

    /** A message that went out too often: where it was, for the caller to dead-letter and then settle. */
    public record Exhausted(StoredMessage message) {
    }

    /** What one pop found in one queue. */
    public record Found(List<HandOut> handOuts, List<Exhausted> exhausted, long remaining) {
    }

    /** How an ack or a change of invisible time went. */
    public enum Settle { DONE, ALREADY_ACKED, STALE_RECEIPT, NEVER_HANDED_OUT }

    /** How a change of invisible time went, and the new pop time when it was {@link Settle#DONE}. */
    public record Changed(Settle settle, long popTime) {
    }

    private record Key(String group, String topic, int queueId) {
    }

    /** Messages skipped for a filter per pop, so one pop cannot scan an unbounded backlog. */
    private static final int MAX_SCAN = 2_048;
    private static final int MAX_BYTES = 4 << 20;

    private final MessageStore store;
    private final ConsumerOffsetStore offsets;
    private final int maxDeliveries;
    private final Map<Key, QueueLeases> queues = new ConcurrentHashMap<>();

    /** @param maxDeliveries hand-outs of one message before it is dead-lettered (1 + the retry limit) */
    public PopLeases(MessageStore store, ConsumerOffsetStore offsets, int maxDeliveries) {
        this.store = store;
        this.offsets = offsets;
        this.maxDeliveries = maxDeliveries;
    }

    /**
     * Hands out up to {@code max} messages of one queue that {@code filter} accepts: first those whose
     * earlier hand-out lapsed, then new ones. Messages the filter rejects are settled for the group
     * (its subscription does not want them), unless {@code keepRejected}, which leaves them for
     * consumers of the group with other filters.
     */
    public Found pop(String group, String topic, int queueId, int max, long invisibleMillis, boolean fromLast,
                     boolean orderly, Predicate<StoredMessage> filter, boolean keepRejected, long now) {
        QueueLeases queue = queues.computeIfAbsent(new Key(group, topic, queueId), k -> new QueueLeases());
        List<HandOut> handOuts = new ArrayList<>();
        List<Exhausted> exhausted = new ArrayList<>();
        synchronized (queue) {
            long before = start(queue, group, topic, queueId, fromLast);
            if (orderly && queue.anyInvisible(now)) {
                return new Found(List.of(), List.of(), remaining(queue, topic, queueId));
            }
            int scanned = 0;
            for (Iterator<Map.Entry<Long, QueueLeases.Lease>> it = queue.leases.entrySet().iterator(); it.hasNext(); ) {
                if (handOuts.size() >= max || scanned >= MAX_SCAN) {
                    break;
                }
                Map.Entry<Long, QueueLeases.Lease> entry = it.next();
                QueueLeases.Lease lease = entry.getValue();
                if (lease.visibleAt > now) {
                    if (orderly) {
                        break;
                    }
                    continue;
                }
                scanned++;
                ByteBuffer record = read(topic, queueId, entry.getKey());
                if (record == null) {
                    it.remove();
                    continue;
                }
                StoredMessage message = MessageRecordCodec.decode(record.duplicate(), false);
                if (!filter.test(message)) {
                    if (!keepRejected) {
                        it.remove();
                    }
                    continue;
                }
                if (lease.deliveries >= maxDeliveries) {
                    // Hidden until the caller has dead-lettered it and settles it.
                    lease.visibleAt = now + invisibleMillis;
                    exhausted.add(new Exhausted(message));
                    continue;
                }
                lease.popTime = now;
                lease.visibleAt = now + invisibleMillis;
                handOuts.add(handOut(record, message, lease.deliveries));
                lease.deliveries++;
            }
            while (handOuts.size() < max && scanned < MAX_SCAN) {
                GetResult batch = store.get(topic, queueId, queue.cursor, Math.min(32, max - handOuts.size()),
                        MAX_BYTES, MessageFilter.ALL);
                if (batch.messageCount() == 0) {
                    if (batch.nextBeginOffset() > queue.cursor) {
                        queue.dropBelow(batch.nextBeginOffset());
                    }
                    break;
                }
                for (ByteBuffer record : batch.messages()) {
                    StoredMessage message = MessageRecordCodec.decode(record.duplicate(), false);
                    queue.cursor = message.queueOffset() + 1;
                    scanned++;
                    if (filter.test(message)) {
                        queue.leases.put(message.queueOffset(), new QueueLeases.Lease(now, now + invisibleMillis, 1));
                        handOuts.add(handOut(record, message, 0));
                    } else if (keepRejected) {
                        queue.leases.put(message.queueOffset(), new QueueLeases.Lease(0, 0, 0));
                    }
                }
            }
            commitIfMoved(queue, before, group, topic, queueId);
            return new Found(handOuts, exhausted, remaining(queue, topic, queueId));
        }
    }

    /** The earliest time after {@code now} at which a hand-out of the queue lapses, or Long.MAX_VALUE. */
    public long nextLapse(String group, String topic, int queueId, long now) {
        QueueLeases queue = queues.get(new Key(group, topic, queueId));
        if (queue == null) {
            return Long.MAX_VALUE;
        }
        synchronized (queue) {
            long next = Long.MAX_VALUE;
            for (QueueLeases.Lease lease : queue.leases.values()) {
                if (lease.visibleAt > now && lease.visibleAt < next) {
                    next = lease.visibleAt;
                }
            }
            return next;
        }
    }

    /** Settles a message that went to the dead-letter topic. */
    public void deadLettered(String group, String topic, int queueId, long queueOffset) {
        QueueLeases queue = queues.get(new Key(group, topic, queueId));
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            long before = queue.ackedUpTo();
            queue.leases.remove(queueOffset);
            commitIfMoved(queue, before, group, topic, queueId);
        }
    }

    /** Acknowledges the hand-out of a message that {@code receipt} names. */
    public Settle ack(String group, String topic, int queueId, long queueOffset, PopReceipt receipt) {
        QueueLeases queue = queues.get(new Key(group, topic, queueId));
        if (queue == null) {
            return Settle.NEVER_HANDED_OUT;
        }
        synchronized (queue) {
            QueueLeases.Lease lease = queue.leases.get(queueOffset);
            if (lease == null) {
                return queueOffset < queue.cursor ? Settle.ALREADY_ACKED : Settle.NEVER_HANDED_OUT;
            }
            if (lease.popTime != receipt.popTime() || lease.deliveries == 0) {
                return Settle.STALE_RECEIPT;
            }
            long before = queue.ackedUpTo();
            queue.leases.remove(queueOffset);
            commitIfMoved(queue, before, group, topic, queueId);
            return Settle.DONE;
        }
    }

    /**
     * Moves the deadline of the hand-out {@code receipt} names to {@code invisibleMillis} from now;
     * the new pop time is what later acks must name.
     */
    public Changed changeInvisibleTime(String group, String topic, int queueId, long queueOffset, PopReceipt receipt,
                                    long invisibleMillis, long now) {
        QueueLeases queue = queues.get(new Key(group, topic, queueId));
        if (queue == null) {
            return new Changed(Settle.NEVER_HANDED_OUT, 0);
        }
        synchronized (queue) {
            QueueLeases.Lease lease = queue.leases.get(queueOffset);
            if (lease == null) {
                return new Changed(queueOffset < queue.cursor ? Settle.ALREADY_ACKED : Settle.NEVER_HANDED_OUT, 0);
            }
            if (lease.popTime != receipt.popTime() || lease.deliveries == 0) {
                return new Changed(Settle.STALE_RECEIPT, 0);
            }
            // A new hand-out time, so that the old receipt no longer acknowledges it.
            lease.popTime = Math.max(now, lease.popTime + 1);
            lease.visibleAt = now + invisibleMillis;
            return new Changed(Settle.DONE, lease.popTime);
        }
    }

    /**
     * Moves a group's position in a queue, as an operator's offset reset does: hand-outs not yet
     * acknowledged are forgotten (their receipts settle nothing any more) and the next pop starts at
     * {@code offset}. The offset is committed under the queue's lock, so that a pop in progress
     * cannot commit its older position over it afterwards.
     */
    public void resetTo(String group, String topic, int queueId, long offset) {
        QueueLeases queue = queues.computeIfAbsent(new Key(group, topic, queueId), k -> new QueueLeases());
        synchronized (queue) {
            offsets.commit(group, topic, queueId, offset);
            queue.forgetAll();
        }
    }

    /** Forgets every hand-out of a deleted group. */
    public void forgetGroup(String group) {
        forget(key -> key.group().equals(group));
    }

    /** Forgets every hand-out of a deleted topic. */
    public void forgetTopic(String topic) {
        forget(key -> key.topic().equals(topic));
    }

    private void forget(Predicate<Key> which) {
        for (Iterator<Map.Entry<Key, QueueLeases>> it = queues.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, QueueLeases> entry = it.next();
            if (which.test(entry.getKey())) {
                synchronized (entry.getValue()) {
                    entry.getValue().forgetAll();
                }
                it.remove();
            }
        }
    }

    /** Where a queue's hand-outs start: the group's committed offset, or its first or last offset if none. */
    private long start(QueueLeases queue, String group, String topic, int queueId, boolean fromLast) {
        if (!queue.initialized()) {
            long committed = offsets.get(group, topic, queueId);
            queue.cursor = committed >= 0 ? committed
                    : fromLast ? store.maxOffset(topic, queueId) : store.minOffset(topic, queueId);
        }
        queue.dropBelow(store.minOffset(topic, queueId));
        return queue.ackedUpTo();
    }

    private void commitIfMoved(QueueLeases queue, long before, String group, String topic, int queueId) {
        long after = queue.ackedUpTo();
        if (after != before || offsets.get(group, topic, queueId) < 0) {
            offsets.commit(group, topic, queueId, after);
        }
    }

    private long remaining(QueueLeases queue, String topic, int queueId) {
        return Math.max(0, store.maxOffset(topic, queueId) - queue.cursor);
    }

    private ByteBuffer read(String topic, int queueId, long offset) {
        GetResult result = store.get(topic, queueId, offset, 1, MAX_BYTES, MessageFilter.ALL);
        return result.messageCount() == 0 ? null : result.messages().get(0);
    }

    /** A copy of the record whose reconsume times say how often it went out before. */
    private static HandOut handOut(ByteBuffer record, StoredMessage message, int earlierDeliveries) {
        byte[] copy = new byte[record.remaining()];
        record.duplicate().get(copy);
        if (earlierDeliveries > 0) {
            ByteBuffer.wrap(copy).putInt(MessageRecordLayout.reconsumeTimesOffset(message.sysFlag()),
                    message.reconsumeTimes() + earlierDeliveries);
        }
        return new HandOut(copy, message.queueId(), message.queueOffset());
    }
}
