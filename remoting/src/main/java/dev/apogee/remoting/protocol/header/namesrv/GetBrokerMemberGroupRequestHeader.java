package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of GET_BROKER_MEMBER_GROUP (901).
 *
 * @param clusterName the cluster
 * @param brokerName  the broker group
 */
public record GetBrokerMemberGroupRequestHeader(String clusterName, String brokerName) implements CommandHeader {
}
