package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** GET_CONSUMER_RUNNING_INFO (307): an admin asks one consumer, through its broker, how it runs. */
public record GetConsumerRunningInfoRequestHeader(String consumerGroup, String clientId,
                                                  @OptionalField Boolean jstackEnable) implements CommandHeader {
}
