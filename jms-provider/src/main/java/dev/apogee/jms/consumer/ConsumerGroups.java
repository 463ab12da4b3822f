package dev.apogee.jms.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    /**
     * A durable subscription (shared or not): client id, name, the fingerprint of what it subscribes to,
     * then its creation time (base 36).
     */
    public static final String DURABLE = "JMSD-";
    /** A shared non-durable subscription: client id (may be empty), name, fingerprint, then its creation time. */
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

    /** A new generation of the named subscription's group, subscribing to what {@code fingerprint} says. */
    public static String newSubscription(boolean durable, String clientId, String name, String fingerprint)
            throws JMSException {
        return checked(subscriptionPrefix(durable, clientId, name) + fingerprint + "-"
                + Long.toString(System.currentTimeMillis(), 36) + Long.toString(System.nanoTime() & 0xffff, 36));
    }

    /**
     * What a subscription subscribes to (topic, selector, noLocal) as 12 hex digits of a SHA-256: carried in
     * its group name so that any process can tell whether a subscription it finds is the one it asks for.
     * The name, not the group's attributes, because Apache RocketMQ brokers accept no subscription-group
     * attributes at all.
     */
    public static String fingerprint(String topic, String selector, boolean noLocal) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((topic + '\0' + (selector == null ? "" : selector) + '\0' + noLocal)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The fingerprint in {@code group}, a generation of the subscription whose groups start with {@code prefix};
     * null for a group made before fingerprints (prefix + creation time).
     */
    static String fingerprintOf(String group, String prefix) {
        int dash = group.indexOf('-', prefix.length());
        return dash < 0 ? null : group.substring(prefix.length(), dash);
    }

    private static String checked(String group) throws JMSException {
        if (group.length() > MAX_LENGTH) {
            throw new JMSException("the names make a consumer group of " + group.length()
                    + " characters; RocketMQ allows " + MAX_LENGTH + ": use shorter ones");
        }
        return group;
    }
}
