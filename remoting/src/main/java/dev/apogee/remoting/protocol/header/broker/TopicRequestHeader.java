package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * A request naming one topic: GET_TOPIC_CONFIG (351), DELETE_TOPIC_IN_BROKER (215),
 * GET_TOPIC_STATS_INFO (202), QUERY_TOPIC_CONSUME_BY_WHO (300).
 */
public record TopicRequestHeader(String topic) implements CommandHeader {
}
