package dev.apogee.store;

/**
 * The outcome of a put. For a batch, the offsets are those of its first message and
 * {@code messageCount} says how many consecutive records follow.
 *
 * @param physicalOffset commit-log offset of the (first) record, -1 when not stored
 * @param queueOffset    consume-queue offset of the (first) record, -1 when not stored
 * @param storeTimestamp the broker clock when the record was appended
 * @param recordSizes    size of each record, in order
 */
public record PutResult(PutStatus status, long physicalOffset, long queueOffset, long storeTimestamp,
                        int[] recordSizes, String detail) {

    public static PutResult refused(PutStatus status, String detail) {
        return new PutResult(status, -1, -1, 0, new int[0], detail);
    }

    public boolean stored() {
        return status == PutStatus.PUT_OK || status == PutStatus.FLUSH_DISK_TIMEOUT;
    }

    public int messageCount() {
        return recordSizes.length;
    }

    /** The physical offset of the {@code index}-th record of a batch. */
    public long physicalOffsetOf(int index) {
        long offset = physicalOffset;
        for (int i = 0; i < index; i++) {
            offset += recordSizes[i];
        }
        return offset;
    }

    /** The same result with another status (a sync flush that timed out). */
    public PutResult withStatus(PutStatus newStatus) {
        return new PutResult(newStatus, physicalOffset, queueOffset, storeTimestamp, recordSizes, detail);
    }
}
