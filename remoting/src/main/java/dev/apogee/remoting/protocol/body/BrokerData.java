package dev.apogee.remoting.protocol.body;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One broker group: its cluster, name and the address of each member by broker id (0 is the
 * master). Fastjson peers may write the ids as unquoted keys ({@code {0:"host:port"}});
 * {@link RemotingJson} reads both forms and writes the quoted one.
 *
 * @param cluster            cluster the group belongs to
 * @param brokerName         the group's name
 * @param brokerAddrs        broker id to {@code host:port}, sorted by id
 * @param enableActingMaster whether a slave may act as master when the master is gone (5.x)
 * @param zoneName           availability zone, may be null
 */
public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs,
                         boolean enableActingMaster, String zoneName) {

    /** Broker id of a group's master. */
    public static final long MASTER_ID = 0L;

    public BrokerData {
        Objects.requireNonNull(brokerName, "brokerName");
        brokerAddrs = java.util.Collections.unmodifiableMap(new TreeMap<>(BodyCollections.map(brokerAddrs)));
    }

    /** The master's address, or null when the group has no master right now. */
    public String masterAddr() {
        return brokerAddrs.get(MASTER_ID);
    }
}
