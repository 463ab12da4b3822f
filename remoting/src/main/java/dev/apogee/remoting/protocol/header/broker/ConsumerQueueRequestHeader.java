package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** QUERY_CONSUMER_OFFSET (14): a group's committed offset of one queue. */
public record ConsumerQueueRequestHeader(String consumerGroup, String topic, int queueId,
                                         @OptionalField Boolean setZeroIfNotFound) implements CommandHeader {
}
