package dev.apogee.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BrokerStatsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2024-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }
    }

    @Test
    void ratesAreOverTheLastTenSeconds() {
        ManualClock clock = new ManualClock();
        BrokerStats stats = new BrokerStats(clock);
        clock.advanceSeconds(1);
        stats.put("t", 20);
        stats.got("g", "t", 10);
        stats.tick();

        assertEquals(20.0, stats.putTps("t"), 1e-9);
        assertEquals(10.0, stats.getTps("g", "t"), 1e-9);
        assertEquals(20.0, stats.putTpsTotal(), 1e-9);

        for (int i = 0; i < 9; i++) {
            clock.advanceSeconds(1);
            stats.tick();
        }
        assertEquals(2.0, stats.putTps("t"), 1e-9);
        clock.advanceSeconds(1);
        stats.tick();
        assertEquals(0.0, stats.putTps("t"), 1e-9, "the puts left the window");
        assertEquals(20, stats.putTotal());
        assertEquals(10, stats.getTotal());
    }

    @Test
    void countsRightAfterTheStartShowInTheRate() throws InterruptedException {
        BrokerStats stats = new BrokerStats(Clock.systemUTC());
        stats.start();
        try {
            stats.put("t", 5);
            long deadline = System.currentTimeMillis() + 3_000;
            while (stats.putTpsTotal() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(true, stats.putTpsTotal() > 0);
        } finally {
            stats.stop();
        }
    }

    @Test
    void midnightTotalsMoveAlongWithTheDate() {
        ManualClock clock = new ManualClock();
        BrokerStats stats = new BrokerStats(clock);
        stats.put("t", 5);
        clock.advanceSeconds(24 * 3600);
        stats.tick();
        assertEquals(5, stats.putTotalTodayMorning());
        assertEquals(0, stats.putTotalYesterdayMorning());
        stats.put("t", 7);
        stats.got("g", "t", 3);
        clock.advanceSeconds(24 * 3600);
        stats.tick();
        assertEquals(12, stats.putTotalTodayMorning());
        assertEquals(5, stats.putTotalYesterdayMorning());
        assertEquals(3, stats.getTotalTodayMorning());
        clock.advanceSeconds(3 * 24 * 3600);
        stats.tick();
        assertEquals(12, stats.putTotalYesterdayMorning(), "after a gap of days, yesterday had nothing new");
    }

    @Test
    void pullBodiesAreCountedByTheirRecordSizes() {
        ByteBuffer body = ByteBuffer.allocate(30);
        body.putInt(10).position(10);
        body.putInt(12).position(22);
        body.putInt(8);
        assertEquals(3, StatsCounting.recordCount(body.array()));
        assertEquals(0, StatsCounting.recordCount(new byte[0]));
        assertEquals(2, StatsCounting.recordCount(java.util.Arrays.copyOf(body.array(), 25)), "a torn tail is not counted");
    }
}
