package dev.apogee.client.admin;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.time.Instant;
import java.util.Optional;

/**
 * One queue of a topic on one broker.
 *
 * @param queue       the queue
 * @param minOffset   the offset of its oldest message kept
 * @param maxOffset   the offset the next message will get
 * @param lastUpdated store time of its newest message, empty when it never had one
 */
public record TopicQueueStats(MessageQueue queue, long minOffset, long maxOffset, Optional<Instant> lastUpdated) {

    /** Messages in the queue now. */
    public long messages() {
        return Math.max(0, maxOffset - minOffset);
    }
}
