package dev.apogee.store.index;

/**
 * One key-index file, big-endian, in Apache RocketMQ's index-file layout:
 *
 * <pre>
 *  header, 40 bytes
 *  +--------------------+--------------------+-----------------------+---------------------+-----------+-----------+
 *  | begin timestamp  8 | end timestamp    8 | begin phys. offset  8 | end phys. offset  8 | slots   4 | count   4 |
 *  +--------------------+--------------------+-----------------------+---------------------+-----------+-----------+
 *  0                    8                    16                      24                    32          36          40
 *
 *  slots, slot count x 4 bytes, from byte 40
 *  +-----------------+-----------------+-----+
 *  | newest entry  4 | newest entry  4 | ... |     slot s = newest entry number whose key hash % slots == s; 0 = none
 *  +-----------------+-----------------+-----+
 *
 *  entries, entry capacity x 20 bytes, from byte 40 + 4 x slot count; entry 0 is never written
 *  +------------+----------------------+-----------------------+-------------------+
 *  | key hash 4 | physical offset    8 | time diff seconds   4 | previous entry  4 |
 *  +------------+----------------------+-----------------------+-------------------+
 *  0            4                      12                      16                  20
 * </pre>
 *
 * <ul>
 *   <li>begin/end timestamp: store times (ms) of the first entry and the latest store time of any
 *       entry; begin is also the base of every entry's time diff, so no entry is older than begin.
 *   <li>begin/end physical offset: commit-log offsets of the first and the last entry.
 *   <li>count: the next entry number; it starts at 1 so that a slot or link of 0 means "none".
 *   <li>time diff: {@code floor((storeTimestamp - begin timestamp) / 1000)}; an entry's real time is
 *       within {@code [begin + diff * 1000, begin + diff * 1000 + 999]}.
 *   <li>previous entry: the next older entry of the same slot (0 ends the chain). Always smaller than
 *       the entry's own number, so a chain walk that sees a link that is not ends there.
 * </ul>
 *
 * The key hash is {@code abs((topic + "#" + key).hashCode())}, with {@code Integer.MIN_VALUE} taken as
 * 0, exactly as RocketMQ computes it, so both systems agree on every slot. Lookups compare hashes only;
 * callers check the records.
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

    /** The first entry number; entry 0 is never written, so 0 can mean "no entry". */
    public static final int FIRST_ENTRY = 1;

    /** RocketMQ's defaults: a file of about 420 MB, sparse until written. */
    public static final int DEFAULT_SLOT_COUNT = 5_000_000;
    public static final int DEFAULT_ENTRY_COUNT = 20_000_000;

    private IndexFileLayout() {
    }

    /** The size in bytes of a file with these counts. */
    public static long fileSize(int slotCount, int entryCount) {
        return HEADER_SIZE + (long) slotCount * SLOT_SIZE + (long) entryCount * ENTRY_SIZE;
    }

    /** Byte position of the slot of {@code hash}. */
    public static int slotPosition(int hash, int slotCount) {
        return HEADER_SIZE + (hash % slotCount) * SLOT_SIZE;
    }

    /** Byte position of entry {@code number}. */
    public static int entryPosition(int number, int slotCount) {
        return HEADER_SIZE + slotCount * SLOT_SIZE + number * ENTRY_SIZE;
    }

    /**
     * The hash of {@code topic + "#" + key}, computed without building that string (this runs for
     * every key of every message): String.hashCode is {@code h = 31 * h + c} over the characters.
     */
    public static int hash(String topic, String key) {
        int h = 31 * topic.hashCode() + '#';
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return nonNegative(h);
    }

    /** RocketMQ's {@code abs}, where {@code abs(Integer.MIN_VALUE)} (still negative) becomes 0. */
    static int nonNegative(int hash) {
        int positive = Math.abs(hash);
        return positive < 0 ? 0 : positive;
    }
}
