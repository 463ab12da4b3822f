package dev.apogee.broker.stats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters by key (a topic, a group and topic) with a per-second rate over the last
 * {@value #WINDOW_SECONDS} seconds. Counting is a lock-free add; the rate comes from snapshots of
 * the totals that {@link #tick} takes once a second, so reading a rate costs no more than a lookup.
 *
 * <p>Thread-safety: {@link #add} and the reads from any thread; {@link #tick} from one thread.
 */
public final class KeyedRates {

    public static final int WINDOW_SECONDS = 10;

    private record Snapshot(long millis, Map<String, Long> totals) {
    }

    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();
    private volatile Map<String, Double> rates = Map.of();

    public void add(String key, long count) {
        totals.computeIfAbsent(key, k -> new LongAdder()).add(count);
    }

    /** Everything counted for {@code key} since the start. */
    public long total(String key) {
        LongAdder total = totals.get(key);
        return total == null ? 0 : total.sum();
    }

    /** The sum over every key. */
    public long grandTotal() {
        long sum = 0;
        for (LongAdder total : totals.values()) {
            sum += total.sum();
        }
        return sum;
    }

    /** Per second over the window, as of the last tick; 0 for a key never counted. */
    public double rate(String key) {
        return rates.getOrDefault(key, 0.0);
    }

    /** The sum of every key's rate. */
    public double totalRate() {
        double sum = 0;
        for (double rate : rates.values()) {
            sum += rate;
        }
        return sum;
    }

    /** Takes a snapshot and recomputes the rates against the oldest one inside the window. */
    public synchronized void tick(long nowMillis) {
        Map<String, Long> now = new HashMap<>();
        totals.forEach((key, total) -> now.put(key, total.sum()));
        snapshots.addLast(new Snapshot(nowMillis, now));
        while (snapshots.size() > WINDOW_SECONDS + 1) {
            snapshots.removeFirst();
        }
        Snapshot oldest = snapshots.peekFirst();
        double seconds = (nowMillis - oldest.millis()) / 1000.0;
        if (seconds <= 0) {
            return;
        }
        Map<String, Double> fresh = new HashMap<>();
        now.forEach((key, total) -> {
            long delta = total - oldest.totals().getOrDefault(key, 0L);
            if (delta > 0) {
                fresh.put(key, delta / seconds);
            }
        });
        rates = fresh;
    }
}
