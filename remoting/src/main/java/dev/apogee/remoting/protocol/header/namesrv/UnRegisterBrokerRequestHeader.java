package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of UNREGISTER_BROKER (104), sent by a broker that shuts down.
 *
 * @param brokerName  the broker group
 * @param brokerAddr  the broker's address
 * @param clusterName the cluster
 * @param brokerId    the broker's id in its group
 */
public record UnRegisterBrokerRequestHeader(
        String brokerName, String brokerAddr, String clusterName, long brokerId) implements CommandHeader {
}
