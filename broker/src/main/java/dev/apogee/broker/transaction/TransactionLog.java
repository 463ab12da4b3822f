package dev.apogee.broker.transaction;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The state of transactional (half) messages. Half messages wait in the half topic; every event
 * about one, "resolved" (committed, rolled back or discarded) or "checked" (its producer was asked),
 * is appended to the op topic as a small record whose body is the half message's queue offset. So
 * the op topic is a journal, and at start the state is rebuilt from it: no half message is
 * committed twice because of a restart, and check counts survive.
 *
 * <p>The half position (every half message before it is resolved) is kept as the offset of a
 * system group; at start the journal is replayed from the op records stored since that half message
 * was, which are the only ones that can be about it or later ones.
 *
 * <p>Thread-safety: the state is guarded by this object's monitor; stores are called outside it.
 */
public final class TransactionLog {

    private static final Logger LOG = LogManager.getLogger(TransactionLog.class);
    public static final String HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String OP_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String POSITION_GROUP = "%TRANSACTION%";
    static final String RESOLVED = "d";
    static final String CHECKED = "c";
    /** Op records stored this long before a half message may still be about it (clock steps). */
    private static final long REPLAY_MARGIN_MILLIS = 60_000;

    /** What became of an END_TRANSACTION. */
    public enum Outcome { COMMITTED, ROLLED_BACK, ALREADY_RESOLVED, NOT_A_HALF_MESSAGE, IGNORED }

    private final MessageStore store;
    private final ConsumerOffsetStore positions;
    private final byte[] storeHost;
    private final IntSupplier storePort;
    private final Set<Long> resolved = new HashSet<>();
    private final Set<Long> resolving = new HashSet<>();
    private final Map<Long, Integer> checks = new HashMap<>();
    private long halfPosition;

    public TransactionLog(MessageStore store, ConsumerOffsetStore positions, byte[] storeHost, IntSupplier storePort) {
        this.store = store;
        this.positions = positions;
        this.storeHost = storeHost;
        this.storePort = storePort;
        recover();
    }

    /** The half-topic copy of a prepared message: it waits there, invisible, until resolved. */
    public static MessageDraft half(MessageDraft message) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(MessageProperties.REAL_TOPIC, message.topic());
        properties.put(MessageProperties.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(MessageProperties.TRAN_MSG, "true");
        // Stored as a plain message so that the half topic's queue lists it (prepared records are not queued).
        return message.withDestination(HALF_TOPIC, 0).withProperties(MessageProperties.format(properties))
                .withSysFlag(MessageSysFlag.withTransactionType(message.sysFlag(), MessageSysFlag.TRANSACTION_NOT_TYPE));
    }

    private synchronized void recover() {
        halfPosition = Math.max(positions.get(POSITION_GROUP, HALF_TOPIC, 0), store.minOffset(HALF_TOPIC, 0));
        if (halfPosition >= store.maxOffset(HALF_TOPIC, 0)) {
            return;
        }
        long since = store.storeTimestamp(HALF_TOPIC, 0, halfPosition) - REPLAY_MARGIN_MILLIS;
        long op = store.offsetForTime(OP_TOPIC, 0, since, false);
        int replayed = 0;
        while (true) {
            GetResult batch = store.get(OP_TOPIC, 0, op, 256, 1 << 20, MessageFilter.ALL);
            if (batch.messageCount() == 0) {
                break;
            }
            for (ByteBuffer record : batch.messages()) {
                StoredMessage message = MessageRecordCodec.decode(record.duplicate(), false);
                apply(message);
                op = message.queueOffset() + 1;
                replayed++;
            }
        }
        LOG.info("Transactions: half messages from {} on, {} op records replayed, {} resolved, {} checked",
                halfPosition, replayed, resolved.size(), checks.size());
    }

    private void apply(StoredMessage op) {
        long halfOffset;
        try {
            halfOffset = Long.parseLong(new String(op.body(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return;
        }
        if (halfOffset < halfPosition) {
            return;
        }
        if (CHECKED.equals(op.property(MessageProperties.TAGS))) {
            checks.merge(halfOffset, 1, Integer::sum);
        } else {
            resolved.add(halfOffset);
        }
    }

    /**
     * Resolves a half message as its producer says: a commit stores the real message (through
     * {@code deliver}, which applies delays) and then the op record; a rollback only the op record.
     * A half message resolved before is left alone, so repeated answers to checks are harmless.
     */
    public CompletableFuture<Outcome> end(long halfQueueOffset, long commitLogOffset, int transactionType,
                                          String producerGroup,
                                          java.util.function.Function<MessageDraft, CompletableFuture<PutResult>> deliver) {
        if (transactionType != MessageSysFlag.TRANSACTION_COMMIT && transactionType != MessageSysFlag.TRANSACTION_ROLLBACK) {
            return CompletableFuture.completedFuture(Outcome.IGNORED);
        }
        StoredMessage half = store.messageAt(commitLogOffset);
        if (half == null || !half.topic().equals(HALF_TOPIC) || half.queueOffset() != halfQueueOffset
                || (producerGroup != null && !producerGroup.equals(half.property(MessageProperties.PRODUCER_GROUP)))) {
            return CompletableFuture.completedFuture(Outcome.NOT_A_HALF_MESSAGE);
        }
        MessageDraft real;
        try {
            real = transactionType == MessageSysFlag.TRANSACTION_COMMIT ? committed(half) : null;
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.NOT_A_HALF_MESSAGE);
        }
        synchronized (this) {
            if (halfQueueOffset < halfPosition || resolved.contains(halfQueueOffset)
                    || !resolving.add(halfQueueOffset)) {
                return CompletableFuture.completedFuture(Outcome.ALREADY_RESOLVED);
            }
        }
        CompletableFuture<PutResult> delivered;
        try {
            delivered = real != null ? deliver.apply(real) : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            delivered = CompletableFuture.failedFuture(e);
        }
        return delivered.thenCompose(result -> {
            if (result != null && !result.stored()) {
                throw new IllegalStateException("cannot store the committed message: " + result.status());
            }
            return writeOp(halfQueueOffset, RESOLVED);
        }).handle((opResult, failure) -> {
            synchronized (this) {
                resolving.remove(halfQueueOffset);
                if (failure == null) {
                    resolved.add(halfQueueOffset);
                }
            }
            if (failure != null) {
                throw new IllegalStateException("ending the transaction of half message " + halfQueueOffset
                        + " failed", failure);
            }
            return transactionType == MessageSysFlag.TRANSACTION_COMMIT ? Outcome.COMMITTED : Outcome.ROLLED_BACK;
        });
    }

    /** The real message a commit stores: real topic and queue, commit type, pointing at its half message. */
    static MessageDraft committed(StoredMessage half) {
        MessageDraft real = half.toRealTopic(MessageProperties.TRAN_MSG);
        if (real == null) {
            throw new IllegalArgumentException("the half message has no real topic or queue");
        }
        return real.withSysFlag(MessageSysFlag.withTransactionType(half.sysFlag(), MessageSysFlag.TRANSACTION_COMMIT))
                .withPreparedTransactionOffset(half.physicalOffset());
    }

    /** Records that a half message's producer was asked (the count survives restarts). */
    CompletableFuture<PutResult> recordCheck(long halfQueueOffset) {
        synchronized (this) {
            checks.merge(halfQueueOffset, 1, Integer::sum);
        }
        return writeOp(halfQueueOffset, CHECKED);
    }

    /** Gives up on a half message that was checked the maximum number of times. */
    CompletableFuture<PutResult> discard(long halfQueueOffset) {
        synchronized (this) {
            if (!resolving.add(halfQueueOffset)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return writeOp(halfQueueOffset, RESOLVED).whenComplete((result, failure) -> {
            synchronized (this) {
                resolving.remove(halfQueueOffset);
                if (failure == null && result.stored()) {
                    resolved.add(halfQueueOffset);
                }
            }
        });
    }

    synchronized boolean isSettled(long halfQueueOffset) {
        return halfQueueOffset < halfPosition || resolved.contains(halfQueueOffset) || resolving.contains(halfQueueOffset);
    }

    synchronized int checksOf(long halfQueueOffset) {
        return checks.getOrDefault(halfQueueOffset, 0);
    }

    synchronized long halfPosition() {
        return halfPosition;
    }

    /** Moves the half position past resolved messages and remembers it. */
    void advance() {
        long position;
        synchronized (this) {
            while (resolved.remove(halfPosition)) {
                checks.remove(halfPosition);
                halfPosition++;
            }
            long min = store.minOffset(HALF_TOPIC, 0);
            if (halfPosition < min) {
                // Retention removed half messages never resolved: forget them.
                new TreeSet<>(resolved).headSet(min).forEach(resolved::remove);
                checks.keySet().removeIf(offset -> offset < min);
                halfPosition = min;
            }
            position = halfPosition;
        }
        if (position != positions.get(POSITION_GROUP, HALF_TOPIC, 0)) {
            positions.commit(POSITION_GROUP, HALF_TOPIC, 0, position);
        }
    }

    private CompletableFuture<PutResult> writeOp(long halfQueueOffset, String kind) {
        String properties = MessageProperties.TAGS + MessageProperties.NAME_VALUE_SEPARATOR + kind
                + MessageProperties.PROPERTY_SEPARATOR;
        MessageDraft op = new MessageDraft(OP_TOPIC, 0, 0, 0, System.currentTimeMillis(), storeHost,
                storePort.getAsInt(), storeHost, storePort.getAsInt(), 0, 0,
                Long.toString(halfQueueOffset).getBytes(StandardCharsets.US_ASCII), properties);
        return store.put(op).thenApply(result -> {
            if (!result.stored()) {
                throw new IllegalStateException("cannot store a transaction op record: " + result.status());
            }
            return result;
        });
    }
}
