package dev.apogee.remoting.protocol.body;

/**
 * One queue's bounds in a {@link TopicStatsTable}.
 *
 * @param minOffset           the first offset still stored
 * @param maxOffset           the next offset to be written
 * @param lastUpdateTimestamp store time of the newest message; 0 when the queue is empty
 */
public record TopicOffset(long minOffset, long maxOffset, long lastUpdateTimestamp) {
}
