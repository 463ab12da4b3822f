package dev.apogee.client.core;

import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.client.auth.Credentials;
import dev.apogee.remoting.tls.TlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ClientRuntime}, fixed once it is built ({@link ClientRuntime.Builder} makes them).
 *
 * @param nameServers          {@code host:port} of each name server, tried in turn when one fails
 * @param instanceName         the part of the client id after {@code ip@}; unique per runtime by default
 * @param credentials          signs every request when set; may be null
 * @param tls                  TLS to every server, or {@link TlsConfig#DISABLED}
 * @param requestTimeout       timeout of the runtime's own requests (routes, heartbeats, unregistering)
 * @param routeRefreshInterval how often every known topic's route is fetched again
 * @param heartbeatInterval    how often every broker is told who this client is
 * @param ioThreads            event-loop threads of the runtime's own, or 0 for the process's shared ones
 * @param callbackThreads      threads completing asynchronous results and running broker requests
 * @param reconnectBackoff     wait after a failed connect before trying that address again (doubles)
 * @param maxReconnectBackoff  the longest such wait
 * @param headerEncoding       how request headers are encoded: {@link SerializeType#ROCKETMQ} (binary) or
 *                             {@link SerializeType#JSON}; servers answer either way
 */
public record ClientSettings(List<String> nameServers, String instanceName, Credentials credentials, TlsConfig tls,
                             Duration requestTimeout, Duration routeRefreshInterval, Duration heartbeatInterval,
                             int ioThreads, int callbackThreads, Duration reconnectBackoff,
                             Duration maxReconnectBackoff, SerializeType headerEncoding) {

    public ClientSettings {
        nameServers = List.copyOf(nameServers);
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("at least one name server address is required");
        }
        for (String address : nameServers) {
            if (address.isBlank() || address.lastIndexOf(':') <= 0) {
                throw new IllegalArgumentException("name server address '" + address + "' is not host:port");
            }
        }
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(headerEncoding, "headerEncoding");
        positive(requestTimeout, "requestTimeout");
        positive(routeRefreshInterval, "routeRefreshInterval");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(reconnectBackoff, "reconnectBackoff");
        positive(maxReconnectBackoff, "maxReconnectBackoff");
        if (ioThreads < 0 || callbackThreads < 1) {
            throw new IllegalArgumentException("ioThreads must not be negative and callbackThreads must be positive");
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
