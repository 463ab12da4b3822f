package dev.apogee.client.admin;

import dev.apogee.client.message.Topics;
import dev.apogee.remoting.protocol.body.TopicPerm;

/**
 * What a topic should be like on each master of a cluster.
 *
 * @param name        the topic
 * @param readQueues  queues consumers read (per broker)
 * @param writeQueues queues producers write (per broker)
 * @param perm        {@link TopicPerm} bits: {@link TopicPerm#READ_WRITE} normally
 * @param ordered     whether it is an ordered topic
 */
public record TopicSpec(String name, int readQueues, int writeQueues, int perm, boolean ordered) {

    public TopicSpec {
        Topics.checkName(name);
        if (readQueues < 0 || writeQueues < 0 || readQueues + writeQueues == 0) {
            throw new IllegalArgumentException("queue counts must not be negative and not both 0: read " + readQueues
                    + ", write " + writeQueues);
        }
    }

    /** A readable and writable topic with {@code queues} read and write queues per broker. */
    public static TopicSpec of(String name, int queues) {
        return new TopicSpec(name, queues, queues, TopicPerm.READ_WRITE, false);
    }

    /** This spec with other permission bits (e.g. {@link TopicPerm#READ} to stop producers). */
    public TopicSpec withPerm(int newPerm) {
        return new TopicSpec(name, readQueues, writeQueues, newPerm, ordered);
    }

    /** This spec with other queue counts. */
    public TopicSpec withQueues(int read, int write) {
        return new TopicSpec(name, read, write, perm, ordered);
    }

    /** This spec, ordered or not. */
    public TopicSpec withOrdered(boolean isOrdered) {
        return new TopicSpec(name, readQueues, writeQueues, perm, isOrdered);
    }
}
