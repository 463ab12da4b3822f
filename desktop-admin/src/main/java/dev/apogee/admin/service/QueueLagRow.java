package dev.apogee.admin.service;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One queue of a consumer group's progress.
 *
 * @param queue              the queue
 * @param brokerOffset       the offset the next message will get
 * @param consumerOffset     the group's committed offset; empty when it never committed one
 * @param lag                messages not consumed yet; empty when unknown (never a guessed 0)
 * @param lastConsumed       store time of the last message the group consumed, when known
 * @param assignedClient     the member reading the queue, or null when none or not known
 * @param assignmentEstimated whether {@code assignedClient} is computed (RocketMQ's default average
 *                           allocation over the members) rather than reported by the member
 */
public record QueueLagRow(QueueRef queue, long brokerOffset, OptionalLong consumerOffset, OptionalLong lag,
                          Optional<Instant> lastConsumed, String assignedClient, boolean assignmentEstimated) {
}
