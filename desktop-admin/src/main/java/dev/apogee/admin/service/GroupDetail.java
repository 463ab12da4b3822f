package dev.apogee.admin.service;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A consumer group in full.
 *
 * @param group              the group
 * @param queues             its progress per queue, by topic, broker and queue id
 * @param totalLag           the sum of the queues' lag; empty when any part is unknown or there are no queues
 * @param consumeTps         messages consumed per second recently
 * @param clients            members connected now
 * @param messageModel       {@code CLUSTERING} or {@code BROADCASTING}; null when offline
 * @param consumeType        push, pull or pop; null when offline
 * @param subscriptions      topic to subscription expression of the live members
 * @param unreachableBrokers brokers that did not answer (their queues are missing)
 */
public record GroupDetail(String group, List<QueueLagRow> queues, OptionalLong totalLag, double consumeTps,
                          List<ClientInfo> clients, String messageModel, String consumeType,
                          Map<String, String> subscriptions, List<String> unreachableBrokers) {

    public GroupDetail {
        queues = List.copyOf(queues);
        clients = List.copyOf(clients);
        subscriptions = Map.copyOf(subscriptions);
        unreachableBrokers = List.copyOf(unreachableBrokers);
    }

    /** The topics its queues belong to. */
    public List<String> topics() {
        return queues.stream().map(row -> row.queue().topic()).distinct().sorted().toList();
    }
}
