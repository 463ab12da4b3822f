package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readers query while the writer adds entries, rolls files and flushes. Record {@code i} sits at
 * offset {@code 10 * i} under key {@code "k" + i % KEYS}. A query must return every record of its key
 * that was indexed before the query began (nothing missed, even while the writer is between a slot
 * and a count), only records indexed by the time it ended (nothing half-written or made up), newest
 * first.
 */
@Timeout(60)
class KeyIndexConcurrencyTest {

    private static final int RECORDS = 300_000;
    private static final int KEYS = 37;
    private static final long T0 = 1_774_785_600_000L;

    @Test
    void readersSeeEveryPublishedEntryAndNothingElse() throws Exception {
        KeyIndex index = new KeyIndex(Path.of("concurrent", "index"), 64, 1024, new VolatileSegmentFactory());
        index.load();
        AtomicInteger indexed = new AtomicInteger(-1);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> checks = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long seed = System.nanoTime() + r;
            System.out.println("KeyIndexConcurrencyTest reader seed " + seed);
            checks.add(readers.submit(() -> read(index, indexed, done, new Random(seed))));
        }
        try {
            for (int i = 0; i < RECORDS; i++) {
                index.put("t", "k" + i % KEYS, 10L * i, T0 + i);
                indexed.set(i);
                if (i % 5_000 == 0) {
                    index.flush();
                }
            }
        } finally {
            done.set(true);
        }
        int queries = 0;
        for (Future<Integer> check : checks) {
            queries += check.get();
        }
        readers.shutdown();
        assertTrue(queries > 100, "readers ran: " + queries);
        assertTrue(index.fileCount() > 100, "files rolled under the readers: " + index.fileCount());
    }

    private static int read(KeyIndex index, AtomicInteger indexed, AtomicBoolean done, Random random) {
        int queries = 0;
        while (!done.get() || queries == 0) {
            int key = random.nextInt(KEYS);
            // A recent window keeps each query short, so many run during the writes.
            int before = indexed.get();
            long from = T0 + Math.max(0, before - 2_000);
            List<Long> found = index.query("t", "k" + key, Integer.MAX_VALUE, from, Long.MAX_VALUE);
            int after = indexed.get();
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                long offset = found.get(i);
                assertTrue(i == 0 || found.get(i - 1) > offset, "newest first: " + found);
                assertTrue(offset % 10 == 0 && offset >= 0, "not an indexed offset: " + offset);
                // The put of record after + 1 may have published before indexed was set.
                assertTrue(offset / 10 <= after + 1, "offset " + offset + " was not indexed by " + after);
                // Times are kept in whole seconds; the caller drops what is up to 999 ms early.
                assertTrue(T0 + offset / 10 > from - 1000, "offset " + offset + " is over a second early");
                if (offset / 10 % KEYS == key && T0 + offset / 10 >= from) {
                    mine.add(offset);
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long i = before; i >= from - T0; i--) {
                if (i % KEYS == key) {
                    expected.add(10 * i);
                }
            }
            // Records indexed during the query may or may not be seen; all from before must be.
            List<Long> settled = mine.stream().filter(offset -> offset / 10 <= before).toList();
            if (!settled.equals(expected)) {
                throw new AssertionError("k" + key + " from " + from + " with " + before + " indexed: expected "
                        + expected + " found " + settled);
            }
            queries++;
        }
        return queries;
    }
}
