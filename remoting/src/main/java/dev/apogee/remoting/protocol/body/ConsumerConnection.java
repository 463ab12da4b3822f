package dev.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.Set;

/**
 * GET_CONSUMER_CONNECTION_LIST (203) answer: a consumer group's live connections and how it
 * consumes, as its members' heartbeats describe it.
 *
 * @param connectionSet     the members' connections
 * @param subscriptionTable topic to the group's subscription
 * @param consumeType       {@code CONSUME_PASSIVELY} (push) or {@code CONSUME_ACTIVELY} (pull)
 * @param messageModel      {@code CLUSTERING} or {@code BROADCASTING}
 * @param consumeFromWhere  where a new member starts, e.g. {@code CONSUME_FROM_LAST_OFFSET}
 */
public record ConsumerConnection(Set<Connection> connectionSet,
                                 Map<String, HeartbeatData.SubscriptionData> subscriptionTable,
                                 String consumeType, String messageModel, String consumeFromWhere) {

    public ConsumerConnection {
        connectionSet = connectionSet == null ? Set.of() : Set.copyOf(connectionSet);
        subscriptionTable = BodyCollections.map(subscriptionTable);
    }
}
