package dev.apogee.client.admin;

import java.util.List;
import java.util.OptionalLong;

/**
 * How far a consumer group is behind, per queue, over every master (GET_CONSUME_STATS).
 *
 * @param group              the group
 * @param queues             the queues of the topics it consumes, by topic, broker and queue id
 * @param consumeTps         messages it consumed per second recently, summed over the brokers that answered
 * @param unreachableBrokers brokers that did not answer: their queues are missing from {@code queues}
 */
public record GroupLag(String group, List<QueueLag> queues, double consumeTps, List<String> unreachableBrokers) {

    public GroupLag {
        queues = List.copyOf(queues);
        unreachableBrokers = List.copyOf(unreachableBrokers);
    }

    /**
     * Messages not consumed yet over all queues; empty when any part is unknown (a queue without a
     * committed offset, or a broker that did not answer), never a guessed zero.
     */
    public OptionalLong totalLag() {
        if (!unreachableBrokers.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (QueueLag queue : queues) {
            OptionalLong lag = queue.lag();
            if (lag.isEmpty()) {
                return OptionalLong.empty();
            }
            total += lag.getAsLong();
        }
        return OptionalLong.of(total);
    }
}
