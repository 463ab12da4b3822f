package dev.apogee.store.index;

import static dev.apogee.store.index.IndexFileLayout.BEGIN_PHYSICAL_OFFSET_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.BEGIN_TIMESTAMP_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.END_PHYSICAL_OFFSET_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.END_TIMESTAMP_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.ENTRY_COUNT_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.ENTRY_HASH_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.ENTRY_PHYSICAL_OFFSET_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.ENTRY_PREVIOUS_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.ENTRY_TIME_DIFF_OFFSET;
import static dev.apogee.store.index.IndexFileLayout.FIRST_ENTRY;
import static dev.apogee.store.index.IndexFileLayout.SLOT_COUNT_OFFSET;

import dev.apogee.store.file.Segment;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One key-index file ({@link IndexFileLayout}): a hash table of slots whose chains of entries run
 * newest first.
 *
 * <p>Thread-safety: one writer (put, truncate, flush) and any number of concurrent readers
 * ({@link #collect} and the header getters). The writer publishes an entry in three steps: the
 * entry's bytes, then (release) the slot that names it, then the header's end fields and (release)
 * the entry count. A reader reads the count (acquire) and then the slot (acquire), so every entry
 * it reaches is complete. A slot may name an entry newer than the count the reader saw; the reader
 * does not report it (it is past the reader's snapshot) but follows its link to the older entries,
 * which it must not miss.
 */
final class IndexFile {

    /** Release/acquire access to the slot and count words (4-byte aligned in every file). */
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final long SECOND = 1000;

    private final Segment segment;
    private final ByteBuffer writable;
    private final ByteBuffer readable;
    private final int slotCount;
    private final int entryCapacity;
    /** The writer's copy of the count word, which only it changes. */
    private int count;
    /** Set by the writer after a change, cleared by the flusher before it forces (volatile: two threads). */
    private volatile boolean dirty;

    private IndexFile(Segment segment, int slotCount, int entryCapacity, int count) {
        this.segment = segment;
        this.slotCount = slotCount;
        this.entryCapacity = entryCapacity;
        this.writable = segment.window(0, segment.capacity());
        this.readable = segment.read(0, segment.capacity());
        this.count = count;
    }

    /**
     * Opens a file, formatting it if it was never written (all zero: new, or created but never forced
     * before a crash). The file counts as changed, so the next {@link #flush} forces it.
     *
     * @throws CorruptIndexFileException if its header does not fit the configured counts
     */
    static IndexFile open(Segment segment, int slotCount, int entryCapacity) throws CorruptIndexFileException {
        if (segment.capacity() != IndexFileLayout.fileSize(slotCount, entryCapacity)) {
            throw new CorruptIndexFileException(segment.path() + " is " + segment.capacity() + " bytes; "
                    + slotCount + " slots and " + entryCapacity + " entries take " + IndexFileLayout.fileSize(slotCount, entryCapacity));
        }
        ByteBuffer header = segment.window(0, IndexFileLayout.HEADER_SIZE);
        int count = header.getInt(ENTRY_COUNT_OFFSET);
        if (count == 0) {
            header.putInt(SLOT_COUNT_OFFSET, slotCount);
            header.putInt(ENTRY_COUNT_OFFSET, FIRST_ENTRY);
            return new IndexFile(segment, slotCount, entryCapacity, FIRST_ENTRY).changed();
        }
        int slots = header.getInt(SLOT_COUNT_OFFSET);
        if (slots != slotCount || count < FIRST_ENTRY || count > entryCapacity) {
            throw new CorruptIndexFileException(segment.path() + " has " + slots + " slots and entry count " + count
                    + "; the index is configured for " + slotCount + " slots and " + entryCapacity
                    + " entries per file (was the configuration changed? the index can be rebuilt from the commit log)");
        }
        // What the previous process wrote may still be only in the page cache: the first flush
        // must force it before anyone counts it as durable.
        return new IndexFile(segment, slotCount, entryCapacity, count).changed();
    }

    private IndexFile changed() {
        dirty = true;
        return this;
    }

    Segment segment() {
        return segment;
    }

    /** Entries written (readers: as published). */
    int size() {
        return (int) INT.getAcquire(readable, ENTRY_COUNT_OFFSET) - FIRST_ENTRY;
    }

    boolean isFull() {
        return count >= entryCapacity;
    }

    long beginTimestamp() {
        return readable.getLong(BEGIN_TIMESTAMP_OFFSET);
    }

    long endTimestamp() {
        return readable.getLong(END_TIMESTAMP_OFFSET);
    }

    long beginPhysicalOffset() {
        return readable.getLong(BEGIN_PHYSICAL_OFFSET_OFFSET);
    }

    long endPhysicalOffset() {
        return readable.getLong(END_PHYSICAL_OFFSET_OFFSET);
    }

    /**
     * Whether an entry stored at {@code storeTimestamp} fits: the file has room, and the time is not
     * before the begin timestamp (the base of the non-negative diffs, and the lower bound readers use
     * to skip the file) nor too far after it for an int of seconds.
     */
    boolean accepts(long storeTimestamp) {
        if (isFull()) {
            return false;
        }
        if (count == FIRST_ENTRY) {
            return true;
        }
        long diff = storeTimestamp - writable.getLong(BEGIN_TIMESTAMP_OFFSET);
        return diff >= 0 && diff / SECOND <= Integer.MAX_VALUE;
    }

    /** Adds an entry; the caller has checked {@link #accepts}. Writer only. */
    void put(int hash, long physicalOffset, long storeTimestamp) {
        int number = count;
        if (number == FIRST_ENTRY) {
            writable.putLong(BEGIN_TIMESTAMP_OFFSET, storeTimestamp);
            writable.putLong(END_TIMESTAMP_OFFSET, storeTimestamp);
            writable.putLong(BEGIN_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        }
        int slotAt = IndexFileLayout.slotPosition(hash, slotCount);
        int previous = newestBelow(writable.getInt(slotAt), number);
        int at = IndexFileLayout.entryPosition(number, slotCount);
        writable.putInt(at + ENTRY_HASH_OFFSET, hash);
        writable.putLong(at + ENTRY_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        writable.putInt(at + ENTRY_TIME_DIFF_OFFSET,
                (int) ((storeTimestamp - writable.getLong(BEGIN_TIMESTAMP_OFFSET)) / SECOND));
        writable.putInt(at + ENTRY_PREVIOUS_OFFSET, previous);
        INT.setRelease(writable, slotAt, number);
        writable.putLong(END_TIMESTAMP_OFFSET, Math.max(writable.getLong(END_TIMESTAMP_OFFSET), storeTimestamp));
        writable.putLong(END_PHYSICAL_OFFSET_OFFSET, physicalOffset);
        count = number + 1;
        INT.setRelease(writable, ENTRY_COUNT_OFFSET, count);
        dirty = true;
    }

    /**
     * The newest entry of {@code number}'s chain below {@code limit}. Normally {@code number} is
     * already below it; it is not after a crash left a slot durable but not the count that covered
     * it, or after {@link #truncateTo} dropped the head of a chain.
     */
    private int newestBelow(int number, int limit) {
        while (number >= limit) {
            if (number >= entryCapacity) {
                return 0;
            }
            int previous = writable.getInt(IndexFileLayout.entryPosition(number, slotCount) + ENTRY_PREVIOUS_OFFSET);
            number = previous < number ? previous : 0;
        }
        return Math.max(number, 0);
    }

    /**
     * Adds to {@code found}, newest first, the physical offsets of entries with {@code hash} whose
     * store time may lie within {@code [from, to]}, until it holds {@code maxResults}. Times are kept
     * in whole seconds, so an entry up to 999 ms outside the range may be reported; none in it is missed.
     * An offset equal to the last one in {@code found} (a record indexed under several keys of one
     * hash) is not added again. Any thread.
     */
    void collect(int hash, long from, long to, int maxResults, List<Long> found) {
        int published = (int) INT.getAcquire(readable, ENTRY_COUNT_OFFSET);
        if (published <= FIRST_ENTRY || published > entryCapacity) {
            return;
        }
        long begin = readable.getLong(BEGIN_TIMESTAMP_OFFSET);
        if (begin > to || readable.getLong(END_TIMESTAMP_OFFSET) < from) {
            return;
        }
        int number = (int) INT.getAcquire(readable, IndexFileLayout.slotPosition(hash, slotCount));
        // Links only go to smaller numbers (a link that does not ends the walk), so a walk over
        // corrupt data still ends within entryCapacity steps.
        while (number >= FIRST_ENTRY && number < entryCapacity && found.size() < maxResults) {
            int at = IndexFileLayout.entryPosition(number, slotCount);
            if (number < published && readable.getInt(at + ENTRY_HASH_OFFSET) == hash) {
                long time = begin + readable.getInt(at + ENTRY_TIME_DIFF_OFFSET) * SECOND;
                if (time <= to && time + SECOND - 1 >= from) {
                    addOnce(found, readable.getLong(at + ENTRY_PHYSICAL_OFFSET_OFFSET));
                }
            }
            int previous = readable.getInt(at + ENTRY_PREVIOUS_OFFSET);
            if (previous >= number) {
                return;
            }
            number = previous;
        }
    }

    /** Offsets arrive non-increasing (dispatch order, newest first), so duplicates are adjacent. */
    private static void addOnce(List<Long> found, long offset) {
        if (found.isEmpty() || found.get(found.size() - 1) != offset) {
            found.add(offset);
        }
    }

    /**
     * Recovery: drops the entries at or past {@code physicalEnd} (durable at the next
     * {@link #flush}). The dropped entries are the newest, so they head their chains: each slot naming
     * one is re-pointed at the newest kept entry of its chain. Idempotent, so a crash before the flush
     * is repaired by running recovery again. The end timestamp is left as it was: an overestimate only makes queries look
     * into this file needlessly. Writer only, before readers are let in.
     *
     * @return whether any entry is left
     */
    boolean truncateTo(long physicalEnd) throws IOException {
        int keep = count;
        while (keep > FIRST_ENTRY && physicalOffsetOf(keep - 1) >= physicalEnd) {
            keep--;
        }
        if (keep < count) {
            for (int number = keep; number < count; number++) {
                int hash = writable.getInt(IndexFileLayout.entryPosition(number, slotCount) + ENTRY_HASH_OFFSET);
                int slotAt = IndexFileLayout.slotPosition(IndexFileLayout.nonNegative(hash), slotCount);
                writable.putInt(slotAt, newestBelow(writable.getInt(slotAt), keep));
            }
            if (keep > FIRST_ENTRY) {
                writable.putLong(END_PHYSICAL_OFFSET_OFFSET, physicalOffsetOf(keep - 1));
            }
            count = keep;
            INT.setRelease(writable, ENTRY_COUNT_OFFSET, count);
            dirty = true;
        }
        return keep > FIRST_ENTRY;
    }

    private long physicalOffsetOf(int number) {
        return writable.getLong(IndexFileLayout.entryPosition(number, slotCount) + ENTRY_PHYSICAL_OFFSET_OFFSET);
    }

    /** Forces the file if it changed since the last flush (the flush thread; never concurrently with a delete). */
    void flush() throws IOException {
        if (dirty) {
            dirty = false;
            segment.force();
        }
    }

    @Override
    public String toString() {
        return segment.path().getFileName() + " (" + size() + " entries)";
    }
}
