package dev.apogee.jms.consumer;

import dev.apogee.jms.internal.Names;
import jakarta.jms.JMSException;
import java.util.UUID;

/**
 * The RocketMQ consumer group of each kind of JMS consumer (see the mapping table in the README). Every
 * name part goes through {@link Names#encode}, so any client id, subscription or topic name makes a valid
 * group name.
 */
public final class ConsumerGroups {

    /** A queue's one group: every consumer of the queue, in any process, competes in it. */
    public static final String QUEUE = "JMSQ-";
    /** A non-durable, unshared topic subscription: a group of its own, removed when it closes. */
    public static final String NON_DURABLE = "JMSN-";
    /** A durable subscription (shared or not): client id, name, then its creation time (base 36). */
    public static final String DURABLE = "JMSD-";
    /** A shared non-durable subscription: client id (may be empty), name, then its creation time. */
    public static final String SHARED = "JMSS-";

    private static final int MAX_LENGTH = 255;

    private ConsumerGroups() {
    }

    /** The group of queue {@code queue}. */
    public static String queue(String queue) throws JMSException {
        return checked(QUEUE + Names.encode(queue));
    }

    /** A new group for a non-durable subscription to {@code topic}. */
    public static String nonDurable(String topic) throws JMSException {
        return checked(NON_DURABLE + Names.encode(topic) + "-" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** What every generation of the named subscription's group starts with. */
    public static String subscriptionPrefix(boolean durable, String clientId, String name) {
        return (durable ? DURABLE : SHARED) + Names.encode(clientId == null ? "" : clientId) + "-"
                + Names.encode(name) + "-";
    }

    /** A new generation of the named subscription's group. */
    public static String newSubscription(boolean durable, String clientId, String name) throws JMSException {
        return checked(subscriptionPrefix(durable, clientId, name) + Long.toString(System.currentTimeMillis(), 36)
                + Long.toString(System.nanoTime() & 0xffff, 36));
    }

    private static String checked(String group) throws JMSException {
        if (group.length() > MAX_LENGTH) {
            throw new JMSException("the names make a consumer group of " + group.length()
                    + " characters; RocketMQ allows " + MAX_LENGTH + ": use shorter ones");
        }
        return group;
    }
}
