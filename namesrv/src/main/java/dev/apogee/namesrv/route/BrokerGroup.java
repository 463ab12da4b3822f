package dev.apogee.namesrv.route;

import dev.apogee.remoting.protocol.body.BrokerData;
import java.util.TreeMap;

/**
 * The mutable record of one broker group inside {@link RouteTable}; only touched under its lock.
 */
final class BrokerGroup {
    final String clusterName;
    final String brokerName;
    /** Broker id to address; sorted so that the smallest id (the master, or the prime slave) is first. */
    final TreeMap<Long, String> addrs = new TreeMap<>();
    boolean enableActingMaster;
    String zoneName;

    BrokerGroup(String clusterName, String brokerName) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
    }

    BrokerData snapshot() {
        return new BrokerData(clusterName, brokerName, addrs, enableActingMaster, zoneName);
    }

    /** True when no member has id 0: the master is gone and a slave may be acting for it. */
    boolean hasNoMaster() {
        return addrs.isEmpty() || addrs.firstKey() > BrokerData.MASTER_ID;
    }
}
