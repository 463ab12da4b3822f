package dev.apogee.broker.stats;

import dev.apogee.remoting.concurrent.NamedThreadFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Messages put per topic and got per consumer group and topic since the broker started, with their
 * recent rates, and the totals at the last two local midnights (what {@code mqadmin clusterList -m}
 * shows as yesterday's and today's traffic). Counts are not kept across restarts: after a start, both
 * "morning" totals are 0 until a midnight passes.
 *
 * <p>Thread-safety: counting from any thread; a daemon thread ({@code broker-stats}) ticks the rates
 * once a second.
 */
public final class BrokerStats {

    private static final Logger LOG = LogManager.getLogger(BrokerStats.class);

    private final KeyedRates puts = new KeyedRates();
    private final KeyedRates gets = new KeyedRates();
    private final Clock clock;
    private final long bootMillis;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-stats", true));
    private volatile LocalDate today;
    private volatile long putTotalTodayMorning;
    private volatile long putTotalYesterdayMorning;
    private volatile long getTotalTodayMorning;
    private volatile long getTotalYesterdayMorning;

    public BrokerStats(Clock clock) {
        this.clock = clock;
        this.bootMillis = clock.millis();
        this.today = LocalDate.now(clock);
        // The zero baseline that the first counts are measured against, taken before anything is counted.
        puts.tick(bootMillis);
        gets.tick(bootMillis);
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }

    public void stop() {
        ticker.shutdownNow();
    }

    /** {@code count} messages were stored in {@code topic}. */
    public void put(String topic, int count) {
        puts.add(topic, count);
    }

    /** {@code count} messages of {@code topic} were handed to {@code group}. */
    public void got(String group, String topic, int count) {
        gets.add(groupKey(group, topic), count);
    }

    public double putTps(String topic) {
        return puts.rate(topic);
    }

    public double getTps(String group, String topic) {
        return gets.rate(groupKey(group, topic));
    }

    public double putTpsTotal() {
        return puts.totalRate();
    }

    public double getTpsTotal() {
        return gets.totalRate();
    }

    public long putTotal() {
        return puts.grandTotal();
    }

    public long getTotal() {
        return gets.grandTotal();
    }

    public long putTotalTodayMorning() {
        return putTotalTodayMorning;
    }

    public long putTotalYesterdayMorning() {
        return putTotalYesterdayMorning;
    }

    public long getTotalTodayMorning() {
        return getTotalTodayMorning;
    }

    public long getTotalYesterdayMorning() {
        return getTotalYesterdayMorning;
    }

    public long bootMillis() {
        return bootMillis;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep ticking.
            LOG.warn("Updating the broker statistics failed", e);
        }
    }

    /** Recomputes the rates and, when the local date changed, moves the midnight totals along. */
    void tick() {
        long now = clock.millis();
        puts.tick(now);
        gets.tick(now);
        LocalDate date = LocalDate.now(clock);
        if (!date.equals(today)) {
            long putNow = puts.grandTotal();
            long getNow = gets.grandTotal();
            boolean nextDay = date.equals(today.plusDays(1));
            putTotalYesterdayMorning = nextDay ? putTotalTodayMorning : putNow;
            getTotalYesterdayMorning = nextDay ? getTotalTodayMorning : getNow;
            putTotalTodayMorning = putNow;
            getTotalTodayMorning = getNow;
            today = date;
        }
    }

    private static String groupKey(String group, String topic) {
        return topic + "@" + group;
    }
}
