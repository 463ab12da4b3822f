package dev.apogee.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IndexFileNameTest {

    private static final long NOON = Instant.parse("2026-03-29T12:00:00.123Z").toEpochMilli();

    @Test
    void nameIsTheCreationTimeInUtc() {
        assertEquals("20260329120000123", IndexFileName.next(null, NOON).toString());
    }

    @Test
    void filesOfOneMillisecondOrOfAClockSetBackGetSequencesThatSortAfter() {
        List<IndexFileName> names = new ArrayList<>();
        IndexFileName last = null;
        long[] clock = {NOON, NOON, NOON, NOON - 3_600_000, NOON + 1};
        for (long now : clock) {
            last = IndexFileName.next(last, now);
            names.add(last);
        }
        assertEquals(List.of("20260329120000123", "20260329120000123-000001", "20260329120000123-000002",
                "20260329120000123-000003", "20260329120000124"), names.stream().map(IndexFileName::toString).toList());
        for (int i = 1; i < names.size(); i++) {
            assertTrue(names.get(i - 1).compareTo(names.get(i)) < 0);
            assertTrue(names.get(i - 1).toString().compareTo(names.get(i).toString()) < 0, "sorts as text too");
        }
    }

    @Test
    void sequencesPastTheirPaddingStillSortByNumber() {
        IndexFileName big = IndexFileName.parse("20260329120000123-1000000");
        IndexFileName small = IndexFileName.parse("20260329120000123-999999");
        assertTrue(small.compareTo(big) < 0);
        assertEquals(big, IndexFileName.parse(big.toString()));
    }

    @Test
    void parsesOnlyIndexFileNames() {
        assertEquals(new IndexFileName("20260329120000123", 7), IndexFileName.parse("20260329120000123-000007"));
        assertEquals(new IndexFileName("20260329120000123", 0), IndexFileName.parse("20260329120000123"));
        assertNull(IndexFileName.parse("2026032912000012"));
        assertNull(IndexFileName.parse("20260329120000123-7"));
        assertNull(IndexFileName.parse("20260329120000123.tmp"));
        assertNull(IndexFileName.parse("checkpoint"));
    }
}
