package dev.apogee.store.index;

import dev.apogee.store.file.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One key-index file ({@link IndexFileLayout}).
 *
 * <p>Thread-safety: one writer; concurrent readers. The writer writes an entry, then its slot, then
 * the entry count (each a single aligned store), so a reader that reads the count first only
 * follows entries that are complete.
 */
final class IndexFile {

    private final Segment segment;
    private final ByteBuffer memory;
    private final int slots;
    private final int entries;
    private volatile boolean dirty;

    IndexFile(Segment segment, int slots, int entries) {
        this.segment = segment;
        this.slots = slots;
        this.entries = entries;
        this.memory = segment.window(0, segment.capacity());
        if (memory.getInt(IndexFileLayout.ENTRY_COUNT_OFFSET) == 0) {
            memory.putInt(IndexFileLayout.SLOT_COUNT_OFFSET, slots);
            memory.putInt(IndexFileLayout.ENTRY_COUNT_OFFSET, 1);
        }
    }

    Segment segment() {
        return segment;
    }

    int entryCount() {
        return memory.getInt(IndexFileLayout.ENTRY_COUNT_OFFSET);
    }

    boolean isFull() {
        return entryCount() >= entries;
    }

    long beginTimestamp() {
        return memory.getLong(IndexFileLayout.BEGIN_TIMESTAMP_OFFSET);
    }

    long endTimestamp() {
        return memory.getLong(IndexFileLayout.END_TIMESTAMP_OFFSET);
    }

    long beginPhysicalOffset() {
        return memory.getLong(IndexFileLayout.BEGIN_PHYSICAL_OFFSET_OFFSET);
    }

    long endPhysicalOffset() {
        return memory.getLong(IndexFileLayout.END_PHYSICAL_OFFSET_OFFSET);
    }

    boolean isEmpty() {
        return entryCount() <= 1;
    }

    private int entryPosition(int number) {
        return IndexFileLayout.HEADER_SIZE + slots * IndexFileLayout.SLOT_SIZE + number * IndexFileLayout.ENTRY_SIZE;
    }

    /** Adds an entry; the file must not be full. */
    void put(int hash, long physicalOffset, long storeTimestamp) {
        int number = entryCount();
        if (number == 1) {
            memory.putLong(IndexFileLayout.BEGIN_TIMESTAMP_OFFSET, storeTimestamp);
            memory.putLong(IndexFileLayout.BEGIN_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        }
        int slotPosition = IndexFileLayout.HEADER_SIZE + (hash % slots) * IndexFileLayout.SLOT_SIZE;
        int previous = memory.getInt(slotPosition);
        long diffSeconds = Math.max(0, (storeTimestamp - beginTimestamp()) / 1000);
        int at = entryPosition(number);
        memory.putInt(at + IndexFileLayout.ENTRY_HASH_OFFSET, hash);
        memory.putLong(at + IndexFileLayout.ENTRY_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        memory.putInt(at + IndexFileLayout.ENTRY_TIME_DIFF_OFFSET, (int) Math.min(Integer.MAX_VALUE, diffSeconds));
        memory.putInt(at + IndexFileLayout.ENTRY_PREVIOUS_OFFSET, previous);
        memory.putInt(slotPosition, number);
        memory.putLong(IndexFileLayout.END_TIMESTAMP_OFFSET, Math.max(endTimestamp(), storeTimestamp));
        memory.putLong(IndexFileLayout.END_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        memory.putInt(IndexFileLayout.ENTRY_COUNT_OFFSET, number + 1);
        dirty = true;
    }

    /** Adds to {@code found} the offsets of entries with {@code hash} in the time range, newest first. */
    void query(int hash, long beginTimestamp, long endTimestamp, int maxResults, List<Long> found) {
        int count = entryCount();
        if (count <= 1 || count > entries) {
            return;
        }
        long base = beginTimestamp();
        int number = memory.getInt(IndexFileLayout.HEADER_SIZE + (hash % slots) * IndexFileLayout.SLOT_SIZE);
        int steps = 0;
        while (number > 0 && number < count && found.size() < maxResults && steps++ < count) {
            int at = entryPosition(number);
            int previous = memory.getInt(at + IndexFileLayout.ENTRY_PREVIOUS_OFFSET);
            if (memory.getInt(at + IndexFileLayout.ENTRY_HASH_OFFSET) == hash) {
                long time = base + memory.getInt(at + IndexFileLayout.ENTRY_TIME_DIFF_OFFSET) * 1000L;
                // Times are kept in whole seconds: widen the check by a second either side.
                if (time + 1000 >= beginTimestamp && time - 1000 <= endTimestamp) {
                    found.add(memory.getLong(at + IndexFileLayout.ENTRY_PHYSICAL_OFFSET_OFFSET));
                }
            }
            if (previous >= number) {
                break;
            }
            number = previous;
        }
    }

    void flush() throws IOException {
        if (dirty) {
            dirty = false;
            segment.force();
        }
    }
}
