package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * Header of DELETE_TOPIC_IN_NAMESRV (216).
 *
 * @param topic       the topic
 * @param clusterName only remove the topic from this cluster's brokers; optional, all when absent
 */
public record DeleteTopicFromNamesrvRequestHeader(
        String topic, @OptionalField String clusterName) implements CommandHeader {
}
