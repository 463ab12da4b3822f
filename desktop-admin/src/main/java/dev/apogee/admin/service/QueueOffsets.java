package dev.apogee.admin.service;

import java.time.Instant;
import java.util.Optional;

/**
 * One queue's offsets now.
 *
 * @param queue       the queue
 * @param minOffset   offset of the oldest message kept
 * @param maxOffset   offset the next message will get
 * @param lastUpdated store time of the newest message, empty if it never had one
 */
public record QueueOffsets(QueueRef queue, long minOffset, long maxOffset, Optional<Instant> lastUpdated) {

    /** Messages in the queue. */
    public long messages() {
        return Math.max(0, maxOffset - minOffset);
    }
}
