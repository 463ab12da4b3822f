package dev.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * A list of topic names, sorted. Body of the name server's topic-list requests.
 *
 * @param topicList  the topic names
 * @param brokerAddr an address of some broker, set only in the system-topic list; may be null
 */
public record TopicList(Set<String> topicList, String brokerAddr) {

    public TopicList {
        topicList = BodyCollections.sortedSet(topicList);
    }

    public static TopicList of(Set<String> topics) {
        return new TopicList(topics, null);
    }
}
