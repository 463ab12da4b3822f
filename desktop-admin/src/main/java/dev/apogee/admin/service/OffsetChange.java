package dev.apogee.admin.service;

import java.util.OptionalLong;

/**
 * What a reset does (or would do) to one queue.
 *
 * @param queue         the queue
 * @param currentOffset the group's committed offset before; empty when it has none
 * @param newOffset     the offset after the reset
 */
public record OffsetChange(QueueRef queue, OptionalLong currentOffset, long newOffset) {

    /**
     * How many messages the group would consume again (positive) or skip (negative); empty when its
     * current offset is unknown.
     */
    public OptionalLong delta() {
        return currentOffset.isPresent() ? OptionalLong.of(currentOffset.getAsLong() - newOffset) : OptionalLong.empty();
    }
}
