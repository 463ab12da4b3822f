package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** A request naming one consumer group as {@code group}: GET_SUBSCRIPTIONGROUP_CONFIG (352), QUERY_TOPICS_BY_CONSUMER (343). */
public record GroupRequestHeader(String group) implements CommandHeader {
}
