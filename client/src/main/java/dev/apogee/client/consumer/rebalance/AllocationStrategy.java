package dev.apogee.client.consumer.rebalance;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Divides a topic's queues among the members of a consumer group. Every member computes its own
 * share from the same inputs, so a strategy must be deterministic: the same lists give every member
 * disjoint shares that together cover all queues.
 */
@FunctionalInterface
public interface AllocationStrategy {

    /**
     * The queues {@code clientId} should read.
     *
     * @param group     the consumer group
     * @param clientId  this member, one of {@code clientIds}
     * @param queues    every readable queue of the topic, sorted
     * @param clientIds every member of the group, sorted
     */
    List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues, List<String> clientIds);

    /** A name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
