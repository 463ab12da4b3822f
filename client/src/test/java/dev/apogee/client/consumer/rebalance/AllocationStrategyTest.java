package dev.apogee.client.consumer.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocationStrategyTest {

    private static List<MessageQueue> queues(int count) {
        return IntStream.range(0, count).mapToObj(i -> new MessageQueue("T", "broker-a", i)).toList();
    }

    private static List<String> clients(int count) {
        return IntStream.range(0, count).mapToObj(i -> "10.0.0." + i + "@x").toList();
    }

    /** Every member's share, checking that together they are disjoint and cover every queue. */
    private static List<List<MessageQueue>> shares(AllocationStrategy strategy, int queueCount, int clientCount) {
        List<MessageQueue> all = queues(queueCount);
        List<String> ids = clients(clientCount);
        List<List<MessageQueue>> shares = new ArrayList<>();
        Set<MessageQueue> seen = new HashSet<>();
        for (String id : ids) {
            List<MessageQueue> share = strategy.allocate("g", id, all, ids);
            for (MessageQueue queue : share) {
                assertTrue(seen.add(queue), queue + " allocated twice by " + strategy.name());
            }
            shares.add(share);
        }
        assertEquals(Set.copyOf(all), seen, "every queue allocated by " + strategy.name());
        return shares;
    }

    @Test
    void averageGivesContiguousBlocksWithTheRemainderToTheFirstMembers() {
        List<List<MessageQueue>> shares = shares(AverageAllocation.INSTANCE, 8, 3);
        assertEquals(List.of(0, 1, 2), shares.get(0).stream().map(MessageQueue::queueId).toList());
        assertEquals(List.of(3, 4, 5), shares.get(1).stream().map(MessageQueue::queueId).toList());
        assertEquals(List.of(6, 7), shares.get(2).stream().map(MessageQueue::queueId).toList());
    }

    @Test
    void averageLeavesSurplusMembersIdleAndIgnoresStrangers() {
        List<List<MessageQueue>> shares = shares(AverageAllocation.INSTANCE, 3, 5);
        assertEquals(List.of(1, 1, 1, 0, 0), shares.stream().map(List::size).toList());
        assertEquals(List.of(), AverageAllocation.INSTANCE.allocate("g", "stranger", queues(4), clients(2)));
        assertEquals(List.of(), AverageAllocation.INSTANCE.allocate("g", clients(1).get(0), List.of(), clients(1)));
        for (int queues = 1; queues <= 17; queues++) {
            for (int members = 1; members <= 6; members++) {
                List<Integer> sizes = shares(AverageAllocation.INSTANCE, queues, members).stream().map(List::size)
                        .toList();
                int min = sizes.stream().mapToInt(Integer::intValue).min().orElseThrow();
                int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertTrue(max - min <= 1, queues + " queues over " + members + ": " + sizes);
            }
        }
    }

    /** A strategy of the application's own: deal the queues out like cards. */
    private static final class RoundRobin implements AllocationStrategy {
        @Override
        public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                           List<String> clientIds) {
            int index = clientIds.indexOf(clientId);
            return IntStream.range(0, queues.size()).filter(i -> i % clientIds.size() == index)
                    .mapToObj(queues::get).toList();
        }
    }

    @Test
    void aCustomStrategyPlugsIn() {
        List<List<MessageQueue>> shares = shares(new RoundRobin(), 8, 3);
        assertEquals(List.of(0, 3, 6), shares.get(0).stream().map(MessageQueue::queueId).toList());
        assertEquals(List.of(2, 5), shares.get(2).stream().map(MessageQueue::queueId).toList());
        assertEquals("RoundRobin", new RoundRobin().name());
    }
}
