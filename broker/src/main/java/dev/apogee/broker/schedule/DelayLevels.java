package dev.apogee.broker.schedule;

/**
 * The 18 classic delay levels (1-based): 1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h.
 * A delayed message waits in queue {@code level - 1} of {@link #SCHEDULE_TOPIC}.
 */
public final class DelayLevels {

    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    private static final long[] MILLIS = {1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000,
        360_000, 420_000, 480_000, 540_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000};

    private DelayLevels() {
    }

    public static int count() {
        return MILLIS.length;
    }

    /** The delay of a level, clamped to 1..18. */
    public static long millis(int level) {
        return MILLIS[Math.max(1, Math.min(level, MILLIS.length)) - 1];
    }

    /** A level clamped to 1..18. */
    public static int clamp(int level) {
        return Math.max(1, Math.min(level, MILLIS.length));
    }
}
