package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** CHANGE_MESSAGE_INVISIBLETIME (200053): keeps a popped message hidden {@code invisibleTime} ms from now. */
public record ChangeInvisibleTimeRequestHeader(String consumerGroup, String topic, int queueId, String extraInfo,
                                               long offset, long invisibleTime) implements CommandHeader {
}
