package dev.apogee.client.consumer.offset;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory part both stores share: the offsets of the queues being consumed. */
final class MemoryOffsets {

    private final Map<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

    long current(MessageQueue queue) {
        return offsets.getOrDefault(queue, -1L);
    }

    void update(MessageQueue queue, long offset, boolean onlyForward) {
        if (offset < 0) {
            return;
        }
        if (onlyForward) {
            offsets.merge(queue, offset, Math::max);
        } else {
            offsets.put(queue, offset);
        }
    }

    void forget(MessageQueue queue) {
        offsets.remove(queue);
    }

    Map<MessageQueue, Long> snapshot() {
        return Map.copyOf(offsets);
    }
}
