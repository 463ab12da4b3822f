package dev.apogee.remoting.protocol.body;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The members of one broker group by broker id.
 *
 * @param cluster     cluster of the group
 * @param brokerName  the group's name
 * @param brokerAddrs broker id to {@code host:port}; empty when the group is unknown
 */
public record BrokerMemberGroup(String cluster, String brokerName, Map<Long, String> brokerAddrs) {

    public BrokerMemberGroup {
        brokerAddrs = Collections.unmodifiableMap(new TreeMap<>(BodyCollections.map(brokerAddrs)));
    }
}
