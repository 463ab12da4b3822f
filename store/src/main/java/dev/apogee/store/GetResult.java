package dev.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The answer to a read from a consume queue.
 *
 * @param messages        read-only views of the matching stored records, in queue order; they share
 *                        the commit log's mapped memory (no copy), so send them, don't keep them
 * @param nextBeginOffset where the next read of this queue should start
 * @param minOffset       the queue's first kept offset
 * @param maxOffset       the queue's next offset to be written
 */
public record GetResult(GetStatus status, List<ByteBuffer> messages, long nextBeginOffset, long minOffset,
                        long maxOffset, int totalBytes) {

    public static GetResult empty(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        return new GetResult(status, List.of(), nextBeginOffset, minOffset, maxOffset, 0);
    }

    public int messageCount() {
        return messages.size();
    }
}
