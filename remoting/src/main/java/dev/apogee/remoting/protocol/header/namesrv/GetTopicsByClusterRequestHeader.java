package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of GET_TOPICS_BY_CLUSTER (224).
 *
 * @param cluster the cluster
 */
public record GetTopicsByClusterRequestHeader(String cluster) implements CommandHeader {
}
