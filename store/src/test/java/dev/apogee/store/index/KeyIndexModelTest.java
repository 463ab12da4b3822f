package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key index against an oracle: a model of the commit log ({@code TreeMap} of offset to record),
 * with random appends, queries, flushes, power losses, recovery cuts and retention. Files are tiny,
 * so they roll constantly and slots collide; one geometry has a single slot.
 *
 * <p>A query is checked the way its caller uses it: the candidates whose record is in the log and
 * carries the key within the time range must be exactly the oracle's records, newest first; no
 * candidate may point at a record that is not in the log (but after retention), or at one more
 * than a second outside the range; a limited query is a prefix of the unlimited one.
 *
 * <p>Replay a printed seed with {@code -Dtest.argLine=-Dindex.seed=<seed>}.
 */
@Timeout(120)
class KeyIndexModelTest {

    private static final Path DIR = Path.of("model", "index");
    private static final String[] TOPICS = {"a", "b"};

    private record Rec(String topic, List<String> keys, long storeTimestamp) {
    }

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();
    private final TreeMap<Long, Rec> log = new TreeMap<>();
    private Random random;
    private KeyIndex index;
    private int slots;
    private int entries;
    private long nextOffset;
    private long time = 1_774_785_600_000L;
    /** Records before it are gone from the log (retention); the index may still name them. */
    private long logMin;
    private int queries;
    private final List<String> trace = new ArrayList<>();

    @ParameterizedTest(name = "{0} slots, {1} entries")
    @CsvSource({"16, 32", "1, 8", "7, 5", "64, 200"})
    void indexAnswersLikeTheOracle(int slotCount, int entryCount) throws Exception {
        long seed = Long.getLong("index.seed", System.nanoTime());
        System.out.println("KeyIndexModelTest " + slotCount + "/" + entryCount + " seed " + seed);
        random = new Random(seed);
        slots = slotCount;
        entries = entryCount;
        index = open();
        for (int step = 0; step < 4_000; step++) {
            int op = random.nextInt(100);
            trace.add(step + ":" + op + " files=" + index.fileCount() + " max=" + index.maxIndexedPhysicalOffset());
            if (trace.size() > 40) {
                trace.remove(0);
            }
            if (op < 70) {
                append();
            } else if (op < 88) {
                checkQuery(randomKey(), TOPICS[random.nextInt(2)], randomRange());
            } else if (op < 93) {
                index.flush();
            } else if (op < 95) {
                powerLoss();
            } else if (op < 96) {
                index.close();
                index = open();
                redispatch();
            } else if (op < 98) {
                cutLog();
            } else {
                retention();
            }
        }
        for (String topic : TOPICS) {
            for (int key = 0; key < 30; key++) {
                checkQuery("key-" + key, topic, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            }
        }
        assertTrue(queries > 500);
        assertEquals(log.isEmpty() ? -1 : log.lastKey(), index.maxIndexedPhysicalOffset());
    }

    private KeyIndex open() throws Exception {
        KeyIndex opened = new KeyIndex(DIR, slots, entries, files);
        opened.load();
        return opened;
    }

    private String randomKey() {
        return "key-" + random.nextInt(30);
    }

    /** A record of 1-3 keys (sometimes one twice) at the next offset; the clock sometimes goes back. */
    private void append() throws Exception {
        long offset = nextOffset;
        nextOffset += 1 + random.nextInt(300);
        time += random.nextInt(50) == 0 ? -random.nextInt(10_000) : random.nextInt(1_500);
        List<String> keys = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            keys.add(randomKey());
        }
        Rec rec = new Rec(TOPICS[random.nextInt(2)], keys, time);
        log.put(offset, rec);
        dispatch(offset, rec);
    }

    /** What the dispatcher does: index a record only past the index's end. */
    private void dispatch(long offset, Rec rec) throws Exception {
        if (offset > index.maxIndexedPhysicalOffset()) {
            for (String key : rec.keys()) {
                index.put(rec.topic(), key, offset, rec.storeTimestamp());
            }
        }
    }

    private void redispatch() throws Exception {
        for (Map.Entry<Long, Rec> record : log.entrySet()) {
            dispatch(record.getKey(), record.getValue());
        }
    }

    /** Loses every unforced byte, reopens and recovers as the store does (the log itself survives). */
    private void powerLoss() throws Exception {
        files.crash();
        index = open();
        if (random.nextBoolean()) {
            index.recoverTo(nextOffset);
        }
        redispatch();
    }

    /** Recovery after a torn commit-log tail: the log ends at one of its last records. */
    private void cutLog() throws Exception {
        if (log.isEmpty()) {
            return;
        }
        List<Long> last = new ArrayList<>(log.descendingKeySet()).subList(0, Math.min(20, log.size()));
        long end = last.get(random.nextInt(last.size()));
        log.tailMap(end, true).clear();
        nextOffset = end;
        long resume = index.recoverTo(end);
        assertTrue(resume < end, "index resumes before the end");
        redispatch();
    }

    private void retention() throws Exception {
        if (log.size() < 10) {
            return;
        }
        List<Long> offsets = new ArrayList<>(log.keySet());
        logMin = offsets.get(random.nextInt(offsets.size() / 2));
        log.headMap(logMin).clear();
        index.deleteFilesBefore(logMin);
    }

    private long[] randomRange() {
        if (random.nextInt(4) == 0) {
            return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
        long first = log.isEmpty() ? time : log.firstEntry().getValue().storeTimestamp();
        long span = Math.max(1, time - first + 20_000);
        long begin = first - 10_000 + (long) (random.nextDouble() * span);
        return new long[] {begin, begin + random.nextInt(random.nextBoolean() ? 3_000 : 300_000)};
    }

    private void checkQuery(String key, String topic, long[] range) {
        queries++;
        long begin = range[0];
        long end = range[1];
        List<Long> expected = new ArrayList<>();
        for (Map.Entry<Long, Rec> record : log.descendingMap().entrySet()) {
            if (matches(record.getValue(), topic, key, begin, end)) {
                expected.add(record.getKey());
            }
        }
        List<Long> candidates = index.query(topic, key, Integer.MAX_VALUE, begin, end);
        List<Long> confirmed = new ArrayList<>();
        int hash = IndexFileLayout.hash(topic, key);
        for (int i = 0; i < candidates.size(); i++) {
            long offset = candidates.get(i);
            assertTrue(i == 0 || candidates.get(i - 1) > offset, "strictly newest first: " + candidates);
            Rec rec = log.get(offset);
            if (rec == null) {
                assertTrue(offset < logMin, "offset " + offset + " names no record");
                continue;
            }
            assertTrue(rec.keys().stream().anyMatch(k -> IndexFileLayout.hash(rec.topic(), k) == hash),
                    "offset " + offset + " has no key of the hash");
            assertTrue(rec.storeTimestamp() + 1000 > begin && rec.storeTimestamp() - 1000 < end,
                    "offset " + offset + " at " + rec.storeTimestamp() + " is over a second outside " + begin + ".." + end);
            if (matches(rec, topic, key, begin, end)) {
                confirmed.add(offset);
            }
        }
        assertEquals(expected, confirmed, () -> topic + "#" + key + " in " + begin + ".." + end + " trace " + trace);
        int limit = 1 + random.nextInt(5);
        assertEquals(candidates.subList(0, Math.min(limit, candidates.size())), index.query(topic, key, limit, begin, end));
    }

    private static boolean matches(Rec rec, String topic, String key, long begin, long end) {
        return rec.topic().equals(topic) && rec.keys().contains(key) && rec.storeTimestamp() >= begin
                && rec.storeTimestamp() <= end;
    }
}
