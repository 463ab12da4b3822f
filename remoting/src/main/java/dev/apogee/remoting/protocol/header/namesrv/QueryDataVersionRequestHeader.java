package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of QUERY_DATA_VERSION (322): a broker asks whether the name server holds its
 * current topic-config version (the body is the broker's DataVersion JSON).
 *
 * @param brokerName  the broker group
 * @param brokerAddr  the broker's address
 * @param clusterName the cluster
 * @param brokerId    the broker's id
 */
public record QueryDataVersionRequestHeader(
        String brokerName, String brokerAddr, String clusterName, long brokerId) implements CommandHeader {
}
