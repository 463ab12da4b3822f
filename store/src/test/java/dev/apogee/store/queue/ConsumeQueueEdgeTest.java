package dev.apogee.store.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apogee.store.file.VolatileSegmentFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Consume-queue boundaries on tiny files (8 entries each), checked against a TreeMap oracle. */
@Timeout(30)
class ConsumeQueueEdgeTest {

    private static final int PER_FILE = 8;
    private static final Path DIR = Path.of("fake-queues", "t", "0");

    private final VolatileSegmentFactory files = new VolatileSegmentFactory();

    private ConsumeQueue open() throws Exception {
        ConsumeQueue queue = new ConsumeQueue("t", 0, DIR, PER_FILE, files);
        queue.load();
        return queue;
    }

    @Test
    void randomAppendsTruncatesAndRetentionMatchTheOracle() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ConsumeQueueEdgeTest seed " + seed);
        Random random = new Random(seed);
        ConsumeQueue queue = open();
        TreeMap<Long, Long> oracle = new TreeMap<>();
        long physical = 0;
        for (int step = 0; step < 2_000; step++) {
            int action = random.nextInt(20);
            if (action < 16) {
                int size = 10 + random.nextInt(100);
                queue.append(queue.maxOffset(), physical, size, physical * 7);
                oracle.put(queue.maxOffset() - 1, physical);
                physical += size;
            } else if (action < 18 && !oracle.isEmpty()) {
                long cut = oracle.get(oracle.firstKey() + random.nextInt(oracle.size()));
                queue.truncateAfterPhysical(cut);
                oracle.tailMap(oracle.ceilingKey(oracle.firstKey()), true).entrySet()
                        .removeIf(e -> e.getValue() >= cut);
                physical = cut;
            } else if (!oracle.isEmpty()) {
                long min = oracle.get(oracle.firstKey() + random.nextInt(oracle.size()));
                queue.deleteBeforePhysical(min);
                oracle.headMap(oracle.lastKey(), true).entrySet().removeIf(e -> e.getValue() < min);
            }
            long expectedMin = oracle.isEmpty() ? queue.maxOffset() : oracle.firstKey();
            assertEquals(expectedMin, queue.minOffset(), "min at step " + step);
            assertEquals(oracle.isEmpty() ? queue.maxOffset() : oracle.lastKey() + 1, queue.maxOffset());
            for (Map.Entry<Long, Long> e : oracle.entrySet()) {
                assertEquals(e.getValue(), queue.entry(e.getKey()).physicalOffset(), "entry " + e.getKey());
            }
        }
    }

    @Test
    void entriesNeverCrossAFileAndReadingContinuesInTheNext() throws Exception {
        ConsumeQueue queue = open();
        for (int i = 0; i < 20; i++) {
            queue.append(i, i * 100L, 100, i);
        }
        ByteBuffer firstRead = queue.entries(5, 100);
        assertEquals(3 * ConsumeQueue.ENTRY_SIZE, firstRead.remaining(), "stops at the end of the first file");
        ByteBuffer secondRead = queue.entries(8, 100);
        assertEquals(8 * ConsumeQueue.ENTRY_SIZE, secondRead.remaining());
        assertEquals(800, secondRead.getLong(0));
        assertEquals(0, queue.entries(20, 10).remaining(), "past the end");
        assertEquals(0, queue.entries(-1, 10).remaining());
        assertNull(queue.entry(20));
    }

    @Test
    void appendsAreIdempotentButGapsAreRefused() throws Exception {
        ConsumeQueue queue = open();
        queue.append(0, 0, 10, 0);
        queue.append(1, 10, 10, 0);
        queue.append(0, 0, 10, 0);
        assertEquals(2, queue.maxOffset());
        assertThrows(IllegalStateException.class, () -> queue.append(5, 20, 10, 0));
        assertThrows(IllegalStateException.class, () -> queue.append(1, 999, 10, 0));
    }

    @Test
    void anEmptyQueueMayStartAtAnyOffset() throws Exception {
        ConsumeQueue queue = open();
        queue.append(13, 500, 10, 0);
        queue.append(14, 510, 10, 0);
        assertEquals(13, queue.minOffset());
        assertEquals(15, queue.maxOffset());
        assertEquals(500, queue.entry(13).physicalOffset());
        ConsumeQueue reopened = open();
        assertEquals(13, reopened.minOffset());
        assertEquals(15, reopened.maxOffset());
    }

    @Test
    void reopenAfterAPowerLossKeepsOnlyFlushedEntries() throws Exception {
        ConsumeQueue queue = open();
        for (int i = 0; i < 12; i++) {
            queue.append(i, i * 10L, 10, 0);
        }
        queue.flush();
        for (int i = 12; i < 20; i++) {
            queue.append(i, i * 10L, 10, 0);
        }
        files.crash();
        ConsumeQueue reopened = open();
        assertEquals(12, reopened.maxOffset());
        assertEquals(120, reopened.lastPhysicalEnd());
        reopened.append(12, 120, 10, 0);
        assertEquals(13, reopened.maxOffset());
    }

    @Test
    void truncationAtAFileBoundaryDropsTheLaterFile() throws Exception {
        ConsumeQueue queue = open();
        for (int i = 0; i < 12; i++) {
            queue.append(i, i * 10L, 10, 0);
        }
        queue.truncateAfterPhysical(80);
        assertEquals(8, queue.maxOffset());
        assertEquals(80, queue.lastPhysicalEnd());
        assertEquals(0, queue.entries(8, 4).remaining());
        queue.append(8, 80, 10, 0);
        assertEquals(80, queue.entry(8).physicalOffset());
    }

    @Test
    void offsetForTimeFindsBothBounds() throws Exception {
        ConsumeQueue queue = open();
        long[] times = {100, 200, 200, 300, 400};
        for (int i = 0; i < times.length; i++) {
            queue.append(i, i, 1, 0);
        }
        java.util.function.LongUnaryOperator time = physical -> times[(int) physical];
        assertEquals(1, queue.offsetForTime(200, false, time));
        assertEquals(2, queue.offsetForTime(200, true, time));
        assertEquals(0, queue.offsetForTime(50, false, time));
        assertEquals(5, queue.offsetForTime(500, false, time));
        assertEquals(4, queue.offsetForTime(500, true, time));
        assertEquals(3, queue.offsetForTime(250, false, time));
    }

    @Test
    void tableRefusesNamesThatWouldLeaveItsDirectory() {
        ConsumeQueueTable table = new ConsumeQueueTable(Path.of("fake-queues"), PER_FILE, files);
        assertThrows(IllegalArgumentException.class, () -> table.getOrCreate("../etc", 0));
        assertThrows(IllegalArgumentException.class, () -> table.getOrCreate("a/b", 0));
        assertThrows(IllegalArgumentException.class, () -> table.getOrCreate("", 0));
    }

    @Test
    void tableLoadsEveryQueueFromItsFiles() throws Exception {
        ConsumeQueueTable table = new ConsumeQueueTable(Path.of("fake-table"), PER_FILE, files);
        table.getOrCreate("a", 0).append(0, 0, 10, 0);
        table.getOrCreate("a", 3).append(0, 10, 10, 0);
        table.getOrCreate("b", 1).append(0, 20, 15, 0);
        ConsumeQueueTable reloaded = new ConsumeQueueTable(Path.of("fake-table"), PER_FILE, files);
        reloaded.load();
        assertEquals(2, reloaded.queuesOf("a").size());
        assertEquals(35, reloaded.maxLastPhysicalEnd());
        reloaded.removeTopic("a");
        assertEquals(0, reloaded.queuesOf("a").size());
        ConsumeQueueTable again = new ConsumeQueueTable(Path.of("fake-table"), PER_FILE, files);
        again.load();
        assertEquals(0, again.queuesOf("a").size());
        assertEquals(1, again.queuesOf("b").size());
    }
}
