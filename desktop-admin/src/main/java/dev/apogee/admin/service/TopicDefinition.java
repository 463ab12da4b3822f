package dev.apogee.admin.service;

import java.util.Objects;

/**
 * A topic to create, or what to change an existing one to, on every master of a cluster.
 *
 * @param name        the topic
 * @param readQueues  queues consumers read, per broker
 * @param writeQueues queues producers write, per broker
 * @param permission  who may read and write
 * @param ordered     whether it is an ordered topic
 */
public record TopicDefinition(String name, int readQueues, int writeQueues, TopicPermission permission,
                              boolean ordered) {

    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permission, "permission");
    }
}
