package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.store.file.MappedSegmentFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sanity check at size, not a benchmark: a million entries into one mapped file of 2M slots and 4M
 * entries (88 MB, sparse; outside the heap), then exact answers for sampled keys, before and after a
 * reload.
 */
@Timeout(60)
class KeyIndexScaleTest {

    private static final int RECORDS = 1_000_000;
    private static final int KEYS = 250_000;
    private static final long T0 = 1_774_785_600_000L;

    @TempDir
    Path directory;

    @Test
    void aMillionEntriesInOneFile() throws Exception {
        long started = System.nanoTime();
        KeyIndex index = new KeyIndex(directory, 2_000_000, 4_000_000, MappedSegmentFactory.INSTANCE);
        index.load();
        for (int i = 0; i < RECORDS; i++) {
            // Record i under "order-(i % KEYS)", one record per millisecond.
            index.put("orders", "order-" + i % KEYS, 100L * i, T0 + i);
        }
        index.flush();
        long written = System.nanoTime();
        assertEquals(1, index.fileCount());
        assertEquals(100L * (RECORDS - 1), index.maxIndexedPhysicalOffset());
        checkSample(index, new Random(42));
        index.close();
        KeyIndex reloaded = new KeyIndex(directory, 2_000_000, 4_000_000, MappedSegmentFactory.INSTANCE);
        reloaded.load();
        checkSample(reloaded, new Random(43));
        System.out.printf("KeyIndexScaleTest: %d puts in %d ms, 2 x 2000 checked queries in %d ms%n", RECORDS,
                (written - started) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
    }

    private static void checkSample(KeyIndex index, Random random) {
        for (int q = 0; q < 2_000; q++) {
            int key = random.nextInt(KEYS);
            List<Long> found = index.query("orders", "order-" + key, 100, 0, Long.MAX_VALUE);
            List<Long> exact = found.stream().filter(offset -> offset / 100 % KEYS == key).toList();
            assertEquals(List.of(100L * (key + 3L * KEYS), 100L * (key + 2L * KEYS), 100L * (key + KEYS), 100L * key),
                    exact, "order-" + key);
            // Only the second record of the key, by its store time (ms after T0 = record number).
            long second = key + KEYS;
            assertEquals(List.of(100 * second), index.query("orders", "order-" + key, 100, T0 + second, T0 + second)
                    .stream().filter(offset -> offset / 100 % KEYS == key).filter(offset -> offset / 100 == second).toList());
        }
    }
}
