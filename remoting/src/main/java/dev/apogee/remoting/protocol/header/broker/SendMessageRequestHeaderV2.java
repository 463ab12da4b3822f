package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;
import dev.apogee.remoting.protocol.header.WireName;

/** SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): the send header with one-letter wire names. */
public record SendMessageRequestHeaderV2(@WireName("a") String producerGroup, @WireName("b") String topic,
                                         @WireName("c") String defaultTopic,
                                         @WireName("d") int defaultTopicQueueNums, @WireName("e") int queueId,
                                         @WireName("f") int sysFlag, @WireName("g") long bornTimestamp,
                                         @WireName("h") int flag, @WireName("i") @OptionalField String properties,
                                         @WireName("j") @OptionalField Integer reconsumeTimes,
                                         @WireName("k") @OptionalField Boolean unitMode,
                                         @WireName("l") @OptionalField Integer maxReconsumeTimes,
                                         @WireName("m") @OptionalField Boolean batch,
                                         @WireName("n") @OptionalField String brokerName) implements CommandHeader {

    /** The same fields under their long names. */
    public SendMessageRequestHeader toV1() {
        return new SendMessageRequestHeader(producerGroup, topic, defaultTopic, defaultTopicQueueNums, queueId, sysFlag,
                bornTimestamp, flag, properties, reconsumeTimes, unitMode, batch, maxReconsumeTimes, brokerName);
    }
}
