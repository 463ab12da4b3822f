package dev.apogee.client.admin;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a group is behind in one queue.
 *
 * @param queue          the queue
 * @param brokerOffset   the offset the next message will get
 * @param consumerOffset the group's committed offset; empty when it never committed one (then its lag is unknown)
 * @param lastConsumed   store time of the last message the group consumed, when known
 */
public record QueueLag(MessageQueue queue, long brokerOffset, OptionalLong consumerOffset,
                       Optional<Instant> lastConsumed) {

    /** Messages not consumed yet; empty when unknown (no committed offset). */
    public OptionalLong lag() {
        return consumerOffset.isPresent() ? OptionalLong.of(Math.max(0, brokerOffset - consumerOffset.getAsLong()))
                : OptionalLong.empty();
    }
}
