package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Key index on tiny files (16 slots, 32 entries), so files roll and slots collide constantly. */
@Timeout(30)
class KeyIndexEdgeTest {

    private static final Path DIR = Path.of("fake-index");

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();

    private KeyIndex open() throws Exception {
        KeyIndex index = new KeyIndex(DIR, 16, 32, files);
        index.load();
        return index;
    }

    /** What a caller does with candidates: keep those whose real key matches. */
    private static List<Long> exact(List<Long> candidates, Map<Long, String> keyAt, String key) {
        return candidates.stream().filter(offset -> key.equals(keyAt.get(offset))).toList();
    }

    @Test
    void everyIndexedKeyIsFoundNewestFirstWithinItsTimeRange() throws Exception {
        long seed = System.nanoTime();
        System.out.println("KeyIndexEdgeTest seed " + seed);
        Random random = new Random(seed);
        KeyIndex index = open();
        Map<String, List<long[]>> oracle = new HashMap<>();
        Map<Long, String> keyAt = new HashMap<>();
        long time = 1_700_000_000_000L;
        for (long offset = 0; offset < 500; offset++) {
            String key = "key-" + random.nextInt(40);
            time += random.nextInt(3) * 1000L;
            index.put("t", key, offset, time);
            oracle.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {offset, time});
            keyAt.put(offset, key);
        }
        assertTrue(index.fileCount() > 10, "files rolled: " + index.fileCount());
        assertEquals(499, index.maxIndexedPhysicalOffset());
        for (Map.Entry<String, List<long[]>> entry : oracle.entrySet()) {
            List<Long> expected = new ArrayList<>();
            for (int i = entry.getValue().size() - 1; i >= 0; i--) {
                expected.add(entry.getValue().get(i)[0]);
            }
            List<Long> found = exact(index.query("t", entry.getKey(), 1000, 0, Long.MAX_VALUE), keyAt, entry.getKey());
            assertEquals(expected, found, "key " + entry.getKey());
            List<Long> limited = index.query("t", entry.getKey(), 1, 0, Long.MAX_VALUE);
            assertEquals(1, limited.size());
        }
        assertTrue(exact(index.query("other", "key-1", 100, 0, Long.MAX_VALUE), keyAt, "key-1").size()
                <= oracle.get("key-1").size());
    }

    @Test
    void timeRangeFiltersEntries() throws Exception {
        KeyIndex index = open();
        index.put("t", "k", 1, 10_000);
        index.put("t", "k", 2, 60_000);
        index.put("t", "k", 3, 120_000);
        assertEquals(List.of(2L), index.query("t", "k", 10, 50_000, 70_000));
        assertEquals(List.of(3L, 2L, 1L), index.query("t", "k", 10, 0, 200_000));
        assertTrue(index.query("t", "k", 10, 300_000, 400_000).isEmpty());
    }

    @Test
    void reloadAfterAPowerLossKeepsFlushedEntriesAndNoGarbage() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 20; offset++) {
            index.put("t", "k" + offset, offset, 5_000);
        }
        index.flush();
        for (long offset = 20; offset < 40; offset++) {
            index.put("t", "k" + offset, offset, 5_000);
        }
        files.crash();
        KeyIndex reloaded = open();
        for (long offset = 0; offset < 20; offset++) {
            assertEquals(List.of(offset), reloaded.query("t", "k" + offset, 10, 0, Long.MAX_VALUE));
        }
        assertEquals(19, reloaded.maxIndexedPhysicalOffset());
    }

    @Test
    void recoverToDeletesFilesPastTheLogEnd() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 100; offset++) {
            index.put("t", "k" + offset, offset * 10, 5_000);
        }
        long resume = index.recoverTo(500);
        assertTrue(resume < 500, "resumes before the new end: " + resume);
        assertEquals(resume, index.maxIndexedPhysicalOffset());
        assertTrue(index.query("t", "k99", 10, 0, Long.MAX_VALUE).isEmpty());
        assertEquals(List.of(0L), index.query("t", "k0", 10, 0, Long.MAX_VALUE));
    }

    @Test
    void retentionDeletesOldFilesButNeverTheNewest() throws Exception {
        KeyIndex index = open();
        for (long offset = 0; offset < 100; offset++) {
            index.put("t", "k" + offset, offset, 5_000);
        }
        int before = index.fileCount();
        int deleted = index.deleteFilesBefore(Long.MAX_VALUE);
        assertEquals(before - 1, deleted);
        assertEquals(1, index.fileCount());
        assertTrue(index.query("t", "k0", 10, 0, Long.MAX_VALUE).isEmpty());
    }

    @Test
    void queriesDuringWritesSeeOnlyRealEntries() throws Exception {
        KeyIndex index = open();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    for (long offset : index.query("t", "k" + (i % 50), 50, 0, Long.MAX_VALUE)) {
                        if (offset < 0 || offset >= 2_000) {
                            throw new AssertionError("offset " + offset + " was never indexed");
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();
        for (long offset = 0; offset < 2_000; offset++) {
            index.put("t", "k" + (offset % 50), offset, 5_000 + offset);
        }
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
