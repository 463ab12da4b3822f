package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * ACK_MESSAGE (200051): a popped message was processed. {@code extraInfo} is the receipt the client
 * built from the pop answer (its pop time identifies the hand-out being acknowledged).
 */
public record AckMessageRequestHeader(String consumerGroup, String topic, int queueId, String extraInfo, long offset)
        implements CommandHeader {
}
