package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.file.Segment;
import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One file of 4 slots and 16 entries: hashes 1, 5 and 9 share slot 1. */
@Timeout(10)
class IndexFileTest {

    private static final int SLOTS = 4;
    private static final int ENTRIES = 16;
    private static final Path PATH = Path.of("index", "20260329120000123");

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();

    private Segment segment() throws Exception {
        return files.open(PATH, 0, (int) IndexFileLayout.fileSize(SLOTS, ENTRIES));
    }

    private IndexFile open() throws Exception {
        return IndexFile.open(segment(), SLOTS, ENTRIES);
    }

    private static List<Long> collect(IndexFile file, int hash, long from, long to) {
        List<Long> found = new ArrayList<>();
        file.collect(hash, from, to, Integer.MAX_VALUE, found);
        return found;
    }

    @Test
    void newFileIsFormattedAndHeaderFollowsThePuts() throws Exception {
        IndexFile file = open();
        ByteBuffer raw = segment().read(0, IndexFileLayout.HEADER_SIZE);
        assertEquals(SLOTS, raw.getInt(IndexFileLayout.SLOT_COUNT_OFFSET));
        assertEquals(1, raw.getInt(IndexFileLayout.ENTRY_COUNT_OFFSET));
        assertEquals(0, file.size());
        file.put(5, 100, 10_000);
        file.put(6, 200, 12_500);
        file.put(7, 300, 11_000);
        assertEquals(3, file.size());
        assertEquals(4, raw.getInt(IndexFileLayout.ENTRY_COUNT_OFFSET));
        assertEquals(10_000, file.beginTimestamp());
        assertEquals(12_500, file.endTimestamp(), "the latest time, not the last entry's");
        assertEquals(100, file.beginPhysicalOffset());
        assertEquals(300, file.endPhysicalOffset());
        ByteBuffer entry = segment().read(IndexFileLayout.entryPosition(2, SLOTS), IndexFileLayout.ENTRY_SIZE);
        assertEquals(6, entry.getInt(IndexFileLayout.ENTRY_HASH_OFFSET));
        assertEquals(200, entry.getLong(IndexFileLayout.ENTRY_PHYSICAL_OFFSET_OFFSET));
        assertEquals(2, entry.getInt(IndexFileLayout.ENTRY_TIME_DIFF_OFFSET));
        assertEquals(0, entry.getInt(IndexFileLayout.ENTRY_PREVIOUS_OFFSET));
    }

    @Test
    void chainsOfOneSlotRunNewestFirstAndCompareWholeHashes() throws Exception {
        IndexFile file = open();
        file.put(1, 10, 5_000);
        file.put(5, 20, 5_000);
        file.put(9, 30, 5_000);
        file.put(5, 40, 5_000);
        file.put(1, 50, 5_000);
        assertEquals(List.of(40L, 20L), collect(file, 5, 0, Long.MAX_VALUE));
        assertEquals(List.of(50L, 10L), collect(file, 1, 0, Long.MAX_VALUE));
        assertEquals(List.of(30L), collect(file, 9, 0, Long.MAX_VALUE));
        assertEquals(List.of(), collect(file, 13, 0, Long.MAX_VALUE));
        List<Long> two = new ArrayList<>();
        file.collect(5, 0, Long.MAX_VALUE, 1, two);
        assertEquals(List.of(40L), two);
    }

    @Test
    void oneRecordUnderTwoKeysOfOneHashIsReportedOnce() throws Exception {
        IndexFile file = open();
        file.put(5, 10, 5_000);
        file.put(5, 20, 5_000);
        file.put(5, 20, 5_000);
        assertEquals(List.of(20L, 10L), collect(file, 5, 0, Long.MAX_VALUE));
    }

    @Test
    void timesAreWholeSecondsSoTheRangeIsWidenedNeverNarrowed() throws Exception {
        IndexFile file = open();
        file.put(5, 10, 10_000);
        file.put(5, 20, 12_999);
        // Kept as 12 000; the real time could be anything up to 12 999, so [12 999, 12 999] must find it...
        assertEquals(List.of(20L), collect(file, 5, 12_999, 12_999));
        // ...and so do ranges that end up to 999 ms before it, or start after it within its second.
        assertEquals(List.of(20L), collect(file, 5, 11_500, 12_000));
        assertEquals(List.of(), collect(file, 5, 13_000, 20_000));
        assertEquals(List.of(10L), collect(file, 5, 0, 11_999));
        assertEquals(List.of(), collect(file, 5, 0, 9_999), "before the file's begin");
    }

    @Test
    void acceptsNoTimeBeforeTheBeginAndNothingWhenFull() throws Exception {
        IndexFile file = open();
        assertTrue(file.accepts(Long.MIN_VALUE), "an empty file takes any time");
        file.put(5, 10, 10_000);
        assertFalse(file.accepts(9_999));
        assertTrue(file.accepts(10_000));
        assertTrue(file.accepts(10_000 + Integer.MAX_VALUE * 1000L));
        assertFalse(file.accepts(10_000 + (Integer.MAX_VALUE + 1L) * 1000L), "diff past an int of seconds");
        for (int i = 2; i < ENTRIES; i++) {
            file.put(i, 10 + i, 10_000);
        }
        assertTrue(file.isFull());
        assertFalse(file.accepts(10_000));
    }

    @Test
    void aSlotNamingAnEntryPastTheCountIsFollowedNotReported() throws Exception {
        IndexFile file = open();
        file.put(5, 10, 5_000);
        file.put(5, 20, 5_000);
        // What a reader can see between the writer's slot and count stores: entry 3, complete and
        // named by the slot, but the count still 3. The older entries must still be found.
        ByteBuffer writable = segment().window(0, (int) IndexFileLayout.fileSize(SLOTS, ENTRIES));
        int at = IndexFileLayout.entryPosition(3, SLOTS);
        writable.putInt(at + IndexFileLayout.ENTRY_HASH_OFFSET, 5);
        writable.putLong(at + IndexFileLayout.ENTRY_PHYSICAL_OFFSET_OFFSET, 30);
        writable.putInt(at + IndexFileLayout.ENTRY_PREVIOUS_OFFSET, 2);
        writable.putInt(IndexFileLayout.slotPosition(5, SLOTS), 3);
        assertEquals(List.of(20L, 10L), collect(file, 5, 0, Long.MAX_VALUE));
    }

    @Test
    void corruptLinksEndTheWalkWithoutFailing() throws Exception {
        IndexFile file = open();
        file.put(5, 10, 5_000);
        file.put(5, 20, 5_000);
        file.put(5, 30, 5_000);
        ByteBuffer writable = segment().window(0, (int) IndexFileLayout.fileSize(SLOTS, ENTRIES));
        int previousOfTwo = IndexFileLayout.entryPosition(2, SLOTS) + IndexFileLayout.ENTRY_PREVIOUS_OFFSET;
        for (int link : new int[] {2, 3, 15, 16, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            writable.putInt(previousOfTwo, link);
            assertEquals(List.of(30L, 20L), collect(file, 5, 0, Long.MAX_VALUE), "link " + link);
        }
        int slot = IndexFileLayout.slotPosition(5, SLOTS);
        for (int value : new int[] {16, 1_000_000, -7}) {
            writable.putInt(slot, value);
            assertEquals(List.of(), collect(file, 5, 0, Long.MAX_VALUE), "slot " + value);
        }
    }

    @Test
    void reopenedFileKeepsItsEntries() throws Exception {
        IndexFile file = open();
        file.put(5, 10, 5_000);
        file.put(9, 20, 6_000);
        IndexFile again = open();
        assertEquals(2, again.size());
        assertEquals(List.of(10L), collect(again, 5, 0, Long.MAX_VALUE));
        again.put(5, 30, 7_000);
        assertEquals(List.of(30L, 10L), collect(again, 5, 0, Long.MAX_VALUE));
    }

    @Test
    void openRefusesAFileOfAnotherGeometry() throws Exception {
        open().put(5, 10, 5_000);
        // 9 slots and 15 entries take the same 376 bytes as 4 slots and 16 entries.
        assertEquals(IndexFileLayout.fileSize(SLOTS, ENTRIES), IndexFileLayout.fileSize(9, 15));
        CorruptIndexFileException wrongSlots = assertThrows(CorruptIndexFileException.class,
                () -> IndexFile.open(segment(), 9, 15));
        assertTrue(wrongSlots.getMessage().contains(PATH.toString()), wrongSlots.getMessage());
        assertThrows(CorruptIndexFileException.class, () -> IndexFile.open(segment(), SLOTS, ENTRIES + 1));
        segment().window(0, IndexFileLayout.HEADER_SIZE).putInt(IndexFileLayout.ENTRY_COUNT_OFFSET, ENTRIES + 1);
        assertThrows(CorruptIndexFileException.class, this::open);
    }

    @Test
    void truncateDropsTheNewestEntriesAndRepointsTheirSlots() throws Exception {
        IndexFile file = open();
        for (int i = 1; i <= 10; i++) {
            file.put(i % 3, i * 10, 5_000 + i * 1000);
        }
        assertTrue(file.truncateTo(55));
        assertEquals(5, file.size());
        assertEquals(50, file.endPhysicalOffset());
        assertEquals(List.of(30L), collect(file, 0, 0, Long.MAX_VALUE));
        assertEquals(List.of(40L, 10L), collect(file, 1, 0, Long.MAX_VALUE));
        assertEquals(List.of(50L, 20L), collect(file, 2, 0, Long.MAX_VALUE));
        assertTrue(file.truncateTo(55), "again: nothing to do");
        assertEquals(5, file.size());
        // New entries reuse the dropped numbers; the dropped entries must not come back through them.
        file.put(0, 60, 20_000);
        file.put(2, 70, 20_000);
        assertEquals(List.of(60L, 30L), collect(file, 0, 0, Long.MAX_VALUE));
        assertEquals(List.of(70L, 50L, 20L), collect(file, 2, 0, Long.MAX_VALUE));
        assertEquals(List.of(40L, 10L), collect(file, 1, 0, Long.MAX_VALUE));
        assertFalse(file.truncateTo(10), "nothing left before offset 10");
        assertEquals(0, file.size());
        assertEquals(List.of(), collect(file, 1, 0, Long.MAX_VALUE));
    }

    @Test
    void truncateIsDurableOnceFlushed() throws Exception {
        IndexFile file = open();
        for (int i = 1; i <= 6; i++) {
            file.put(7, i * 10, 5_000);
        }
        file.flush();
        file.truncateTo(35);
        file.flush();
        files.crash();
        IndexFile reopened = open();
        assertEquals(3, reopened.size());
        assertEquals(List.of(30L, 20L, 10L), collect(reopened, 7, 0, Long.MAX_VALUE));
    }
}
