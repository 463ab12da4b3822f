package dev.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * GET_PRODUCER_CONNECTION_LIST (204) answer: a producer group's live connections.
 *
 * @param connectionSet the members' connections
 */
public record ProducerConnection(Set<Connection> connectionSet) {

    public ProducerConnection {
        connectionSet = connectionSet == null ? Set.of() : Set.copyOf(connectionSet);
    }
}
