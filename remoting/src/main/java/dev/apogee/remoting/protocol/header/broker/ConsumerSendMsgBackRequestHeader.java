package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * CONSUMER_SEND_MSG_BACK (36): a consumer gives a message back for a later retry. {@code delayLevel}
 * 0 lets the broker choose, a positive level picks one, a negative one sends it straight to the
 * group's dead-letter topic.
 */
public record ConsumerSendMsgBackRequestHeader(long offset, String group, int delayLevel,
                                               @OptionalField String originMsgId, @OptionalField String originTopic,
                                               @OptionalField Boolean unitMode,
                                               @OptionalField Integer maxReconsumeTimes) implements CommandHeader {
}
