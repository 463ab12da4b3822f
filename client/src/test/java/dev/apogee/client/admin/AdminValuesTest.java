package dev.apogee.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdminValuesTest {

    private static QueueLag queue(int id, long broker, OptionalLong consumer) {
        return new QueueLag(new MessageQueue("t", "b", id), broker, consumer, Optional.empty());
    }

    @Test
    void totalLagIsTheSumWhenEveryQueueIsKnown() {
        GroupLag lag = new GroupLag("g", List.of(queue(0, 10, OptionalLong.of(4)), queue(1, 5, OptionalLong.of(5))), 0,
                List.of());
        assertEquals(OptionalLong.of(6), lag.totalLag());
    }

    @Test
    void aQueueWithoutCommittedOffsetOrAnUnreachableBrokerMakesTheTotalUnknownNotZero() {
        QueueLag unknown = queue(0, 10, OptionalLong.empty());
        assertTrue(unknown.lag().isEmpty());
        assertTrue(new GroupLag("g", List.of(unknown, queue(1, 0, OptionalLong.of(0))), 0, List.of()).totalLag().isEmpty());
        assertTrue(new GroupLag("g", List.of(queue(1, 0, OptionalLong.of(0))), 0, List.of("broker-b")).totalLag().isEmpty());
    }

    @Test
    void runtimeStatsReadTheKeysOfOfficialAndApogeeBrokers() {
        BrokerRuntimeStats stats = new BrokerRuntimeStats(Map.of("brokerVersionDesc", "V5_5_0", "putTps",
                "12.50 10.00 9.00", "getTransferedTps", "3.0", "commitLogDiskRatio", "0.25", "commitLogMinOffset", "100",
                "commitLogMaxOffset", "1100", "msgPutTotalTodayNow", "50", "msgPutTotalTodayMorning", "20",
                "bootTimestamp", "1700000000000"));
        assertEquals("V5_5_0", stats.version().orElseThrow());
        assertEquals(12.5, stats.putTps().getAsDouble());
        assertEquals(3.0, stats.getTps().getAsDouble());
        assertEquals(0.25, stats.diskUsedRatio().getAsDouble());
        assertEquals(1000, stats.commitLogBytes().getAsLong());
        assertEquals(30, stats.putTotalToday().getAsLong());
        assertEquals(1_700_000_000_000L, stats.bootTime().orElseThrow().toEpochMilli());
        BrokerRuntimeStats empty = new BrokerRuntimeStats(Map.of("commitLogDiskRatio", "-1", "putTps", "n/a"));
        assertTrue(empty.diskUsedRatio().isEmpty());
        assertTrue(empty.putTps().isEmpty());
        assertTrue(empty.version().isEmpty());
    }
}
