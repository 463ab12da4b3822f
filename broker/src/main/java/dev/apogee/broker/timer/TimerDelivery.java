package dev.apogee.broker.timer;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Delivers timer messages when due. The timer topic's queue holds them in arrival order, not due
 * order, so this keeps every waiting message's (due time, queue offset, commit-log offset) in memory
 * in due order, loading new ones as they arrive, and stores each due one again in its real topic.
 *
 * <p>What survives a restart: the low-water mark, the lowest timer-queue offset not yet delivered,
 * kept as the offset of a system group. At start everything from it on is loaded again; a message
 * already due may have been delivered before the stop, so the key index is asked whether its real
 * topic already holds its copy (same unique id and due time): none is delivered twice for lack of a
 * record, and none is lost (the mark only passes a message after its copy is stored).
 *
 * <p>Memory: about 100 bytes per waiting message, which the three-day limit on delays bounds by the
 * send rate; a broker holding tens of millions of far-future timers needs a bigger heap.
 *
 * <p>Thread-safety: runs on its own "broker-timer" thread; nothing is shared.
 */
public final class TimerDelivery {

    private static final Logger LOG = LogManager.getLogger(TimerDelivery.class);
    /** The group under which the low-water mark is kept. */
    public static final String POSITION_GROUP = "%TIMER%";
    private static final long TICK_MILLIS = 50;

    private record Waiting(long deliverAt, long queueOffset, long physicalOffset) {
    }

    private static final Comparator<Waiting> DUE_ORDER = Comparator.comparingLong(Waiting::deliverAt)
            .thenComparingLong(Waiting::queueOffset);

    private final MessageStore store;
    private final ConsumerOffsetStore positions;
    private final TreeSet<Waiting> waiting = new TreeSet<>(DUE_ORDER);
    /** Offsets of messages waiting, for the low-water mark. */
    private final TreeSet<Long> waitingOffsets = new TreeSet<>();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-timer", true));
    private long loadedUpTo;
    private boolean recovered;

    public TimerDelivery(MessageStore store, ConsumerOffsetStore positions) {
        this.store = store;
        this.positions = positions;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How many messages wait (for stats and tests); only accurate on the timer thread. */
    public int waitingCount() {
        return waiting.size();
    }

    private void tick() {
        try {
            if (!recovered) {
                loadedUpTo = Math.max(positions.get(POSITION_GROUP, TimerMessages.TIMER_TOPIC, 0),
                        store.minOffset(TimerMessages.TIMER_TOPIC, 0));
                load();
                dropDeliveredBeforeRestart();
                recovered = true;
            } else {
                load();
            }
            deliverDue();
        } catch (RuntimeException e) {
            LOG.error("Timer delivery failed; retrying", e);
        }
    }

    private void load() {
        while (true) {
            GetResult batch = store.get(TimerMessages.TIMER_TOPIC, 0, loadedUpTo, 256, 4 << 20, MessageFilter.ALL);
            if (batch.messageCount() == 0) {
                if (batch.nextBeginOffset() > loadedUpTo) {
                    loadedUpTo = batch.nextBeginOffset();   // retention removed entries
                }
                return;
            }
            for (ByteBuffer record : batch.messages()) {
                StoredMessage message = MessageRecordCodec.decode(record.duplicate(), false);
                waiting.add(new Waiting(dueTime(message), message.queueOffset(), message.physicalOffset()));
                waitingOffsets.add(message.queueOffset());
                loadedUpTo = message.queueOffset() + 1;
            }
        }
    }

    private static long dueTime(StoredMessage message) {
        String value = message.property(MessageProperties.TIMER_OUT_MS);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException | NullPointerException e) {
            return 0;   // unreadable: deliver at once rather than hold it forever
        }
    }

    private void dropDeliveredBeforeRestart() {
        long now = System.currentTimeMillis();
        int dropped = 0;
        for (Waiting entry : List.copyOf(waiting.headSet(new Waiting(now, Long.MAX_VALUE, 0), true))) {
            StoredMessage message = store.messageAt(entry.physicalOffset());
            if (message != null && alreadyDelivered(message)) {
                forget(entry);
                dropped++;
            }
        }
        if (!waiting.isEmpty() || dropped > 0) {
            LOG.info("Timer messages: {} waiting, {} found delivered before the restart", waiting.size(), dropped);
        }
    }

    private boolean alreadyDelivered(StoredMessage parked) {
        Map<String, String> properties = parked.propertyMap();
        String uniqueId = properties.get(MessageProperties.UNIQ_KEY);
        String topic = properties.get(MessageProperties.REAL_TOPIC);
        if (uniqueId == null || topic == null) {
            return false;   // cannot tell: deliver again (at least once)
        }
        String due = properties.get(MessageProperties.TIMER_OUT_MS);
        for (ByteBuffer record : store.queryByKey(topic, uniqueId, 16, parked.storeTimestamp(), Long.MAX_VALUE)) {
            StoredMessage copy = MessageRecordCodec.decode(record.duplicate(), false);
            if (copy.topic().equals(topic) && due != null && due.equals(copy.property(MessageProperties.TIMER_OUT_MS))) {
                return true;
            }
        }
        return false;
    }

    private void deliverDue() {
        long now = System.currentTimeMillis();
        while (!waiting.isEmpty() && waiting.first().deliverAt() <= now) {
            Waiting entry = waiting.first();
            StoredMessage parked = store.messageAt(entry.physicalOffset());
            MessageDraft copy = parked == null ? null : parked.toRealTopic(MessageProperties.TIMER_DELIVER_MS,
                    MessageProperties.TIMER_DELAY_SEC, MessageProperties.TIMER_DELAY_MS);
            if (copy != null) {
                PutResult result = store.put(copy).join();
                if (!result.stored()) {
                    LOG.warn("Cannot deliver a timer message ({}); will try again", result.status());
                    return;
                }
            } else {
                LOG.warn("Timer message at {} is gone (retention) or has no readable destination; skipped",
                        entry.physicalOffset());
            }
            forget(entry);
        }
        long lowWater = waitingOffsets.isEmpty() ? loadedUpTo : waitingOffsets.first();
        if (lowWater != positions.get(POSITION_GROUP, TimerMessages.TIMER_TOPIC, 0)) {
            positions.commit(POSITION_GROUP, TimerMessages.TIMER_TOPIC, 0, lowWater);
        }
    }

    private void forget(Waiting entry) {
        waiting.remove(entry);
        waitingOffsets.remove(entry.queueOffset());
    }

    /**
     * The real topic's copy: the timer request removed, the due time kept (it marks the copy as
     * delivered). Null if the parked message does not say where it goes.
     */
    public void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
