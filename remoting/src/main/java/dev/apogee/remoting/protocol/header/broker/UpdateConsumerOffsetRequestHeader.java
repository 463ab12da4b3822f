package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** UPDATE_CONSUMER_OFFSET (15). */
public record UpdateConsumerOffsetRequestHeader(String consumerGroup, String topic, int queueId, long commitOffset)
        implements CommandHeader {
}
