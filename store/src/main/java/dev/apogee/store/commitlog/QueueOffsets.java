package dev.apogee.store.commitlog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The next consume-queue offset of every (topic, queue id), as the appender assigns them.
 *
 * <p>Thread-safety: none; owned by the appender thread (and by recovery before it starts).
 */
public final class QueueOffsets {

    private final Map<String, long[]> byTopic = new HashMap<>();

    /** The offset the next record of the queue gets. */
    public long next(String topic, int queueId) {
        long[] offsets = byTopic.get(topic);
        return offsets == null || queueId >= offsets.length ? 0 : offsets[queueId];
    }

    /** Records that {@code count} records were appended from {@code next(topic, queueId)} on. */
    public void advance(String topic, int queueId, int count) {
        set(topic, queueId, next(topic, queueId) + count);
    }

    public void set(String topic, int queueId, long nextOffset) {
        if (queueId < 0) {
            throw new IllegalArgumentException("queue id " + queueId);
        }
        long[] offsets = byTopic.get(topic);
        if (offsets == null || queueId >= offsets.length) {
            offsets = offsets == null ? new long[Math.max(8, queueId + 1)]
                    : Arrays.copyOf(offsets, Math.max(offsets.length * 2, queueId + 1));
            byTopic.put(topic, offsets);
        }
        offsets[queueId] = nextOffset;
    }

    /** Forgets a topic (deleted). */
    public void remove(String topic) {
        byTopic.remove(topic);
    }
}
