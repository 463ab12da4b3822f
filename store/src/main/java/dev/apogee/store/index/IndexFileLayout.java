package dev.apogee.store.index;

/**
 * One key-index file (big-endian):
 *
 * <pre>
 *  header, 40 bytes:
 *    0   8  begin timestamp: store time of the first entry
 *    8   8  end timestamp: store time of the last entry
 *    16  8  begin physical offset: commit-log offset of the first entry
 *    24  8  end physical offset: commit-log offset of the last entry
 *    32  4  slot count
 *    36  4  entry count, starting at 1 (entry 0 is never used, so slot value 0 means "empty")
 *  slots, slot count * 4 bytes:
 *    the number of the newest entry whose key hash falls in the slot, or 0
 *  entries, 20 bytes each:
 *    0   4  key hash
 *    4   8  physical offset of the record
 *    12  4  store time minus the begin timestamp, in seconds
 *    16  4  number of the previous entry of the same slot (0 ends the chain)
 * </pre>
 *
 * The key hash is {@code (topic + "#" + key).hashCode()} with the sign bit cleared, and a key's slot
 * is that hash modulo the slot count. Lookups compare hashes only; callers check the records.
 */
public final class IndexFileLayout {
    public static final int HEADER_SIZE = 40;
    public static final int BEGIN_TIMESTAMP_OFFSET = 0;
    public static final int END_TIMESTAMP_OFFSET = 8;
    public static final int BEGIN_PHYSICAL_OFFSET_OFFSET = 16;
    public static final int END_PHYSICAL_OFFSET_OFFSET = 24;
    public static final int SLOT_COUNT_OFFSET = 32;
    public static final int ENTRY_COUNT_OFFSET = 36;
    public static final int SLOT_SIZE = 4;
    public static final int ENTRY_SIZE = 20;
    public static final int ENTRY_HASH_OFFSET = 0;
    public static final int ENTRY_PHYSICAL_OFFSET_OFFSET = 4;
    public static final int ENTRY_TIME_DIFF_OFFSET = 12;
    public static final int ENTRY_PREVIOUS_OFFSET = 16;

    private IndexFileLayout() {
    }

    /** The size of a file with these counts. */
    public static long fileSize(int slots, int entries) {
        return HEADER_SIZE + (long) slots * SLOT_SIZE + (long) entries * ENTRY_SIZE;
    }

    /** The non-negative hash of an indexed key. */
    public static int hash(String topic, String key) {
        return (topic + "#" + key).hashCode() & 0x7FFFFFFF;
    }
}
