package dev.apogee.client.consumer.rebalance;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Contiguous blocks of nearly equal size, in member order: with 8 queues and 3 members they get 3, 3
 * and 2 queues. With more members than queues the last members get none. RocketMQ's default strategy
 * divides the same way, so Apogee and official consumers can share a group.
 */
public final class AverageAllocation implements AllocationStrategy {

    /** The one instance. */
    public static final AverageAllocation INSTANCE = new AverageAllocation();

    private AverageAllocation() {
    }

    @Override
    public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        int index = clientIds.indexOf(clientId);
        if (index < 0 || queues.isEmpty()) {
            return List.of();
        }
        int members = clientIds.size();
        int base = queues.size() / members;
        int extra = queues.size() % members;
        // The first `extra` members take one queue more than the others.
        int size = base + (index < extra ? 1 : 0);
        int start = index * base + Math.min(index, extra);
        return List.copyOf(queues.subList(start, start + size));
    }

    @Override
    public String name() {
        return "average";
    }
}
