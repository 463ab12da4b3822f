package dev.apogee.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.transport.RequestProcessor;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void deliveriesCountTheMessagesOfPullAndPopAnswersOnly() throws Exception {
        ManualClock clock = new ManualClock();
        BrokerStats stats = new BrokerStats(clock);
        ByteBuffer twoRecords = ByteBuffer.allocate(20);
        twoRecords.putInt(0, 8).putInt(8, 12);
        RequestProcessor processor = StatsCounting.deliveries(stats, (context, request) ->
                CompletableFuture.completedFuture(request.code() == RequestCode.ACK_MESSAGE
                        ? RemotingCommand.responseTo(request, 0, null)
                        : RemotingCommand.success(request, twoRecords.array())));
        for (int code : new int[] {RequestCode.POP_MESSAGE,
                RequestCode.PULL_MESSAGE, RequestCode.ACK_MESSAGE}) {
            processor.process(null, new RemotingCommand(code,
                    LanguageCode.JAVA, 0, 1, 0, null,
                    Map.of("consumerGroup", "g", "topic", "t"), null,
                    SerializeType.JSON)).join();
        }
        assertEquals(4, stats.getTotal(), "two records from the pop answer, two from the pull, none from the ack");
    }
}
