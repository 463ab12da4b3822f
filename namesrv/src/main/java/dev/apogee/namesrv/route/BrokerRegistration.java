package dev.apogee.namesrv.route;

import dev.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import java.util.List;
import java.util.Objects;

/**
 * What one REGISTER_BROKER request tells the name server.
 *
 * @param clusterName            the cluster
 * @param brokerAddr             the broker's {@code host:port}
 * @param brokerName             the broker group
 * @param brokerId               0 for the master
 * @param haServerAddr           the broker's HA address
 * @param zoneName               availability zone; may be null
 * @param heartbeatTimeoutMillis the broker's own expiry; null for the server default
 * @param enableActingMaster     5.x acting-master flag; null from brokers that predate it
 * @param topics                 the broker's topic configuration and its version
 * @param filterServers          the broker's filter servers
 */
public record BrokerRegistration(String clusterName, String brokerAddr, String brokerName, long brokerId,
                                 String haServerAddr, String zoneName, Long heartbeatTimeoutMillis,
                                 Boolean enableActingMaster, TopicConfigSerializeWrapper topics,
                                 List<String> filterServers) {

    public BrokerRegistration {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(brokerAddr, "brokerAddr");
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(topics, "topics");
        filterServers = filterServers == null ? List.of() : List.copyOf(filterServers);
    }

    public BrokerAddress address() {
        return new BrokerAddress(clusterName, brokerAddr);
    }
}
