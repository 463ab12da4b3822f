package dev.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * QUERY_TOPIC_CONSUME_BY_WHO (300) answer: consumer group names, sorted.
 *
 * @param groupList the groups
 */
public record GroupList(Set<String> groupList) {

    public GroupList {
        groupList = BodyCollections.sortedSet(groupList);
    }
}
