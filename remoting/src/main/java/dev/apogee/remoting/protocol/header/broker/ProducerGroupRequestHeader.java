package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** GET_PRODUCER_CONNECTION_LIST (204). */
public record ProducerGroupRequestHeader(String producerGroup) implements CommandHeader {
}
