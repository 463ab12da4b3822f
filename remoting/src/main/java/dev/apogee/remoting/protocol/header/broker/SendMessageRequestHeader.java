package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * SEND_MESSAGE (10) with long field names; SEND_MESSAGE_V2 carries the same fields under one-letter
 * names ({@link SendMessageRequestHeaderV2}).
 */
public record SendMessageRequestHeader(String producerGroup, String topic, String defaultTopic,
                                       int defaultTopicQueueNums, int queueId, int sysFlag, long bornTimestamp,
                                       int flag, @OptionalField String properties, @OptionalField Integer reconsumeTimes,
                                       @OptionalField Boolean unitMode, @OptionalField Boolean batch,
                                       @OptionalField Integer maxReconsumeTimes, @OptionalField String brokerName)
        implements CommandHeader {
}
