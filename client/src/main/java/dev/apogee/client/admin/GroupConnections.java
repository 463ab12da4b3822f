package dev.apogee.client.admin;

import java.util.List;
import java.util.Map;

/**
 * The live members of a consumer group, merged over every master (GET_CONSUMER_CONNECTION_LIST).
 *
 * @param group            the group
 * @param consumeType      {@code CONSUME_PASSIVELY} (push), {@code CONSUME_ACTIVELY} (pull), {@code CONSUME_POP}; null when offline
 * @param messageModel     {@code CLUSTERING} or {@code BROADCASTING}; null when offline
 * @param consumeFromWhere where new members start; null when offline
 * @param connections      one per member connection, by client id
 * @param subscriptions    topic to the expression the members subscribe with
 */
public record GroupConnections(String group, String consumeType, String messageModel, String consumeFromWhere,
                               List<ClientConnection> connections, Map<String, String> subscriptions) {

    public GroupConnections {
        connections = List.copyOf(connections);
        subscriptions = Map.copyOf(subscriptions);
    }

    /** Whether any member is connected. */
    public boolean online() {
        return !connections.isEmpty();
    }
}
