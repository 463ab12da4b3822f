package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * UPDATE_AND_CREATE_TOPIC (17): a topic's whole configuration.
 *
 * @param attributes 5.x attributes as {@code +key=value,+key2=value2} (a {@code -key} removes one); may be empty
 * @param force      5.x: allow changing attributes that are otherwise fixed; ignored by Apogee
 */
public record CreateTopicRequestHeader(String topic, @OptionalField String defaultTopic, int readQueueNums,
                                       int writeQueueNums, int perm, @OptionalField String topicFilterType,
                                       @OptionalField Integer topicSysFlag, @OptionalField Boolean order,
                                       @OptionalField String attributes, @OptionalField Boolean force)
        implements CommandHeader {
}
