package dev.apogee.remoting.protocol.body;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every broker group known to the name server and the clusters they form. Body of
 * GET_BROKER_CLUSTER_INFO.
 *
 * @param brokerAddrTable  broker name to its group
 * @param clusterAddrTable cluster name to the names of its broker groups
 */
public record ClusterInfo(Map<String, BrokerData> brokerAddrTable, Map<String, Set<String>> clusterAddrTable) {

    public ClusterInfo {
        brokerAddrTable = BodyCollections.map(brokerAddrTable);
        Map<String, Set<String>> clusters = new LinkedHashMap<>();
        BodyCollections.map(clusterAddrTable).forEach((name, brokers) -> clusters.put(name,
                BodyCollections.sortedSet(brokers)));
        clusterAddrTable = java.util.Collections.unmodifiableMap(clusters);
    }
}
