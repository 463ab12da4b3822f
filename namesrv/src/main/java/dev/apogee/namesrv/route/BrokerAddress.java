package dev.apogee.namesrv.route;

import java.util.Objects;

/**
 * One broker process as the name server tracks it: the same {@code host:port} may be registered in
 * two clusters, so the cluster is part of the identity.
 *
 * @param clusterName the cluster
 * @param brokerAddr  {@code host:port} of the broker
 */
public record BrokerAddress(String clusterName, String brokerAddr) {

    public BrokerAddress {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(brokerAddr, "brokerAddr");
    }
}
