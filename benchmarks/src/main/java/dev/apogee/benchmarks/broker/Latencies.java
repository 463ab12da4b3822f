package dev.apogee.benchmarks.broker;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency samples in nanoseconds, recorded from many threads into a preallocated array (the latency
 * figure sends a known number of messages, so the array is sized once and recording never
 * allocates); percentiles come from sorting a copy. Samples beyond the capacity are counted, not kept.
 */
public final class Latencies {

    private final long[] samples;
    private final AtomicInteger next = new AtomicInteger();

    public Latencies(int capacity) {
        samples = new long[capacity];
    }

    public void record(long nanos) {
        int index = next.getAndIncrement();
        if (index < samples.length) {
            samples[index] = nanos;
        }
    }

    public int count() {
        return Math.min(next.get(), samples.length);
    }

    public int dropped() {
        return Math.max(0, next.get() - samples.length);
    }

    /** Percentiles of what was recorded, read once recording has ended. */
    public Summary summarize() {
        long[] sorted = Arrays.copyOf(samples, count());
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Latency percentiles in milliseconds. */
    public record Summary(int count, double p50, double p99, double p999, double max) {
    }
}
