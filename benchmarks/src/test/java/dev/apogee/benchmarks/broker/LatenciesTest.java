package dev.apogee.benchmarks.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentilesInMilliseconds() {
        Latencies latencies = new Latencies(1000);
        // 1..100 microseconds, recorded out of order.
        for (int i = 100; i >= 1; i--) {
            latencies.record(i * 1_000L);
        }
        Latencies.Summary summary = latencies.summarize();
        assertEquals(100, summary.count());
        assertEquals(0.050, summary.p50(), 1e-9);
        assertEquals(0.099, summary.p99(), 1e-9);
        assertEquals(0.100, summary.p999(), 1e-9);
        assertEquals(0.100, summary.max(), 1e-9);
    }

    @Test
    void samplesBeyondTheCapacityAreCountedNotKept() {
        Latencies latencies = new Latencies(2);
        latencies.record(1_000_000);
        latencies.record(3_000_000);
        latencies.record(1);
        assertEquals(2, latencies.count());
        assertEquals(1, latencies.dropped());
        assertEquals(3.0, latencies.summarize().max(), 1e-9);
    }

    @Test
    void nothingRecordedGivesNoFigures() {
        Latencies.Summary summary = new Latencies(10).summarize();
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p50()));
        assertTrue(Double.isNaN(summary.p99()));
    }
}
