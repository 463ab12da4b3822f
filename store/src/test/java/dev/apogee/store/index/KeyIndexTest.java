package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The set of files, on files of 16 slots and 8 entries (7 usable), named by a clock the test holds. */
@Timeout(30)
class KeyIndexTest {

    private static final Path DIR = Path.of("store", "index");
    private static final int SLOTS = 16;
    private static final int ENTRIES = 8;
    private static final long T0 = 1_774_785_600_000L;

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();
    private final AtomicLong clock = new AtomicLong(T0);

    private KeyIndex open() throws Exception {
        KeyIndex index = new KeyIndex(DIR, SLOTS, ENTRIES, files, clock::get);
        index.load();
        return index;
    }

    private static List<Long> all(KeyIndex index, String key) {
        return index.query("t", key, Integer.MAX_VALUE, 0, Long.MAX_VALUE);
    }

    /** Two keys of topic "t" whose hashes differ but share a slot of {@link #SLOTS}. */
    private static String[] collidingKeys() {
        int first = IndexFileLayout.hash("t", "k0");
        for (int i = 1; ; i++) {
            int hash = IndexFileLayout.hash("t", "k" + i);
            if (hash != first && hash % SLOTS == first % SLOTS) {
                return new String[] {"k0", "k" + i};
            }
        }
    }

    @Test
    void emptyIndex() throws Exception {
        KeyIndex index = open();
        assertEquals(-1, index.maxIndexedPhysicalOffset());
        assertEquals(0, index.fileCount());
        assertEquals(List.of(), all(index, "k"));
        assertEquals(0, index.recoverTo(0) + 1);
        assertEquals(0, index.deleteFilesBefore(Long.MAX_VALUE));
        index.flush();
    }

    @Test
    void timeRangeAndMaxResults() throws Exception {
        KeyIndex index = open();
        index.put("t", "k", 1, 10_000);
        index.put("t", "k", 2, 60_000);
        index.put("t", "k", 3, 120_000);
        assertEquals(List.of(2L), index.query("t", "k", 10, 50_000, 70_000));
        assertEquals(List.of(3L, 2L, 1L), index.query("t", "k", 10, 0, 200_000));
        assertEquals(List.of(3L, 2L), index.query("t", "k", 2, 0, 200_000));
        assertEquals(List.of(2L, 1L), index.query("t", "k", 5, 0, 60_000), "bounds are inclusive");
        assertEquals(List.of(), index.query("t", "k", 10, 300_000, 400_000));
        assertEquals(List.of(), index.query("t", "k", 0, 0, 200_000));
        assertEquals(List.of(), index.query("t", "k", 10, 70_000, 50_000), "begin after end");
        assertEquals(List.of(), index.query("u", "k", 10, 0, 200_000), "the topic is part of the key");
        assertEquals(3, index.maxIndexedPhysicalOffset());
    }

    @Test
    void keysCollidingInOneSlotKeepSeparateAnswers() throws Exception {
        String[] keys = collidingKeys();
        KeyIndex index = open();
        for (long offset = 0; offset < 6; offset++) {
            index.put("t", keys[(int) (offset % 2)], offset, T0);
        }
        assertEquals(List.of(4L, 2L, 0L), all(index, keys[0]));
        assertEquals(List.of(5L, 3L, 1L), all(index, keys[1]));
    }

    @Test
    void fullFileRollsAndQueriesSpanFilesNewestFirst() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 7; offset++) {
            index.put("t", "k", offset, T0 + offset * 1000);
        }
        assertEquals(1, index.fileCount());
        index.put("t", "k", 7, T0 + 7000);
        assertEquals(2, index.fileCount());
        assertEquals(List.of(7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L), all(index, "k"));
        assertEquals(List.of(7L, 6L, 5L), index.query("t", "k", 3, 0, Long.MAX_VALUE));
        assertEquals(List.of(7L), index.query("t", "k", 10, T0 + 7000, T0 + 7000));
    }

    @Test
    void aStoreTimeBeforeTheNewestFilesBeginStartsAFile() throws Exception {
        KeyIndex index = open();
        index.put("t", "k", 0, T0);
        index.put("t", "k", 1, T0 - 3_600_000); // the clock was set back an hour
        assertEquals(2, index.fileCount());
        assertEquals(List.of(1L), index.query("t", "k", 10, T0 - 3_600_000, T0 - 3_600_000));
        assertEquals(List.of(1L, 0L), all(index, "k"));
    }

    @Test
    void oneRecordUnderSeveralKeysOfOneHashIsReportedOnce() throws Exception {
        KeyIndex index = open();
        index.put("t", "a", 10, T0);
        index.put("t", "a", 10, T0);
        index.put("t", "a", 20, T0);
        assertEquals(List.of(20L, 10L), all(index, "a"));
    }

    @Test
    void offsetsMustNotGoBack() throws Exception {
        KeyIndex index = open();
        index.put("t", "a", 10, T0);
        index.put("t", "b", 10, T0);
        assertThrows(IllegalArgumentException.class, () -> index.put("t", "c", 9, T0));
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(DIR, 0, 8, files));
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(DIR, 1, 1, files));
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(DIR, 100_000_000, 100_000_000, files));
    }

    @Test
    void filesOfOneMillisecondGetSequencedNamesAndReloadInOrder() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 7 * 12; offset++) {
            index.put("t", "k", offset, T0);
        }
        assertEquals(12, index.fileCount());
        List<Path> names = files.files(DIR);
        assertTrue(names.contains(DIR.resolve("20260329120000000")), names.toString());
        assertTrue(names.contains(DIR.resolve("20260329120000000-000011")), names.toString());
        index.flush();
        KeyIndex reloaded = open();
        assertEquals(12, reloaded.fileCount());
        assertEquals(83, reloaded.maxIndexedPhysicalOffset());
        List<Long> expected = new ArrayList<>();
        for (long offset = 83; offset >= 0; offset--) {
            expected.add(offset);
        }
        assertEquals(expected, all(reloaded, "k"), "newest first across reloaded files");
        clock.set(T0 - 1); // and the clock going back does not put a new name before them
        reloaded.put("t", "k", 84, T0);
        assertTrue(files.exists(DIR.resolve("20260329120000000-000012")));
    }

    @Test
    void reloadContinuesInTheLastFileIfItHasRoom() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 10; offset++) {
            index.put("t", "k" + offset % 3, offset, T0);
        }
        index.close();
        KeyIndex reloaded = open();
        assertEquals(2, reloaded.fileCount());
        assertEquals(9, reloaded.maxIndexedPhysicalOffset());
        reloaded.put("t", "k1", 10, T0);
        assertEquals(2, reloaded.fileCount(), "the second file had room");
        assertEquals(List.of(10L, 7L, 4L, 1L), all(reloaded, "k1"));
        assertThrows(IllegalStateException.class, reloaded::load);
    }

    @Test
    void powerLossKeepsFlushedEntriesAndNoGarbage() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 10; offset++) {
            index.put("t", "k" + offset, offset, T0);
        }
        index.flush(); // file 1 full, file 2 with 3 entries
        for (long offset = 10; offset < 30; offset++) {
            index.put("t", "k" + offset, offset, T0); // file 2 fills; files 3, 4, 5 never forced
        }
        assertEquals(5, index.fileCount());
        files.crash();
        KeyIndex reloaded = open();
        assertEquals(9, reloaded.maxIndexedPhysicalOffset());
        for (long offset = 0; offset < 30; offset++) {
            assertEquals(offset < 10 ? List.of(offset) : List.of(), all(reloaded, "k" + offset), "k" + offset);
        }
        // Recovery drops the files the crash left unwritten; the dispatcher indexes the rest again.
        assertEquals(9, reloaded.recoverTo(30));
        assertEquals(2, reloaded.fileCount());
        for (long offset = 10; offset < 30; offset++) {
            reloaded.put("t", "k" + offset, offset, T0);
        }
        for (long offset = 0; offset < 30; offset++) {
            assertEquals(List.of(offset), all(reloaded, "k" + offset), "k" + offset);
        }
    }

    @Test
    void filesLoadedFromAnUnforcedRunAreForcedByTheFirstFlush() throws Exception {
        KeyIndex crashed = open();
        for (long offset = 0; offset < 10; offset++) {
            crashed.put("t", "k", offset, T0);
        }
        // The process died: its writes are in the page cache, not on the device. The next process
        // loads them, adds to the last file and flushes; a power loss must not take the old entries.
        KeyIndex next = open();
        next.put("t", "k", 10, T0);
        next.flush();
        files.crash();
        KeyIndex afterPowerLoss = open();
        assertEquals(10, afterPowerLoss.maxIndexedPhysicalOffset());
        assertEquals(11, all(afterPowerLoss, "k").size());
    }

    @Test
    void recoverToDeletesFilesPastTheEndAndCutsTheOneItFallsIn() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 30; offset++) {
            index.put("t", "k" + offset % 4, offset * 10, T0 + offset);
        }
        assertEquals(5, index.fileCount()); // entries 0-6, 7-13, 14-20, 21-27, 28-29
        assertEquals(160, index.recoverTo(165));
        assertEquals(3, index.fileCount());
        assertEquals(160, index.maxIndexedPhysicalOffset());
        assertEquals(List.of(160L, 120L, 80L, 40L, 0L), all(index, "k0"));
        assertEquals(List.of(130L, 90L, 50L, 10L), all(index, "k1"));
        // The dispatcher goes on from there; the new records' entries reuse the cut numbers.
        for (long offset = 17; offset < 25; offset++) {
            index.put("t", "n" + offset % 4, offset * 10, T0 + offset);
        }
        assertEquals(List.of(160L, 120L, 80L, 40L, 0L), all(index, "k0"));
        assertEquals(List.of(240L, 200L), all(index, "n0"));
        assertEquals(-1, index.recoverTo(0));
        assertEquals(0, index.fileCount());
        assertEquals(List.of(), all(index, "k0"));
    }

    @Test
    void recoveredIndexSurvivesAPowerLoss() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 12; offset++) {
            index.put("t", "k", offset, T0);
        }
        index.flush();
        index.recoverTo(9);
        files.crash();
        KeyIndex reloaded = open();
        assertEquals(8, reloaded.maxIndexedPhysicalOffset());
        assertEquals(List.of(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L), all(reloaded, "k"));
    }

    @Test
    void retentionDeletesOldFilesButNeverTheNewest() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 30; offset++) {
            index.put("t", "k", offset, T0);
        }
        assertEquals(5, index.fileCount());
        assertEquals(0, index.deleteFilesBefore(6), "the first file ends at 6");
        assertEquals(1, index.deleteFilesBefore(7));
        assertEquals(7L, index.query("t", "k", 100, 0, Long.MAX_VALUE).get(22));
        assertEquals(3, index.deleteFilesBefore(Long.MAX_VALUE));
        assertEquals(1, index.fileCount());
        assertEquals(List.of(29L, 28L), all(index, "k"));
        assertEquals(29, index.maxIndexedPhysicalOffset());
        assertEquals(4, files.files(DIR).size() + 3, "deleted from disk");
    }

    @Test
    void loadRefusesFilesOfAnotherGeometryAndIgnoresStrangers() throws Exception {
        KeyIndex index = open();
        index.put("t", "k", 0, T0);
        index.flush();
        files.open(DIR.resolve("notes.txt"), 0, 10);
        files.open(DIR.resolve("sub").resolve("20260329120000999"), 0, 10);
        KeyIndex same = open();
        assertEquals(1, same.fileCount());
        KeyIndex otherSlots = new KeyIndex(DIR, 11, 9, files); // same byte size, other layout
        assertEquals(IndexFileLayout.fileSize(SLOTS, ENTRIES), IndexFileLayout.fileSize(11, 9));
        assertThrows(CorruptIndexFileException.class, otherSlots::load);
    }

    @Test
    void closedIndexAnswersNothing() throws Exception {
        KeyIndex index = open();
        index.put("t", "k", 0, T0);
        index.close();
        assertEquals(List.of(), all(index, "k"));
        assertFalse(files.files(DIR).isEmpty(), "closing keeps the files");
    }
}
