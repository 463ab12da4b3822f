package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;
import java.util.Arrays;
import java.util.List;

/**
 * GET_CONSUME_STATS (208): a group's progress on one topic, on a list of topics, or (neither given)
 * on every topic it has offsets for.
 *
 * @param topicList topics separated by {@code ;}; may be absent
 */
public record GetConsumeStatsRequestHeader(String consumerGroup, @OptionalField String topic,
                                           @OptionalField String topicList) implements CommandHeader {

    /** The listed topics, without blanks. */
    public List<String> topics() {
        if (topicList == null || topicList.isBlank()) {
            return List.of();
        }
        return Arrays.stream(topicList.split(";")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
