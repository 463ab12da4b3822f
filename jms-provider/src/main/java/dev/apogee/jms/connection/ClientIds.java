package dev.apogee.jms.connection;

import jakarta.jms.InvalidClientIDException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client ids in use by this JVM's connections. The specification asks a provider to refuse a second
 * connection with the same client id; across processes, a durable subscription's single active consumer is
 * enforced by asking the brokers for the group's members instead.
 */
final class ClientIds {

    private static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();

    private ClientIds() {
    }

    static void claim(String clientId) throws InvalidClientIDException {
        if (clientId == null || clientId.isEmpty()) {
            throw new InvalidClientIDException("a client id must not be null or empty");
        }
        if (!IN_USE.add(clientId)) {
            throw new InvalidClientIDException("client id " + clientId + " is already in use by another connection");
        }
    }

    static void release(String clientId) {
        if (clientId != null) {
            IN_USE.remove(clientId);
        }
    }
}
