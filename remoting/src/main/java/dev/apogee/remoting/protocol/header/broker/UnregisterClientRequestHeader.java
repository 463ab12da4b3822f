package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** UNREGISTER_CLIENT (35): a client leaving a producer group, a consumer group, or both. */
public record UnregisterClientRequestHeader(String clientID, @OptionalField String producerGroup,
                                            @OptionalField String consumerGroup) implements CommandHeader {
}
