package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * CONSUME_MESSAGE_DIRECTLY (309): an admin has one consumer, through the broker that stores the
 * message ({@code msgId} is its offset message id), consume that message now and report how it went.
 */
public record ConsumeMessageDirectlyRequestHeader(String consumerGroup, @OptionalField String clientId,
                                                  @OptionalField String msgId, @OptionalField String brokerName,
                                                  @OptionalField String topic, @OptionalField Integer topicSysFlag,
                                                  @OptionalField Integer groupSysFlag) implements CommandHeader {
}
