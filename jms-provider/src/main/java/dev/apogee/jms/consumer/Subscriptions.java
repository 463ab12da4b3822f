package dev.apogee.jms.consumer;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.NoRouteException;
import dev.apogee.jms.connection.ConnectionServices;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Topic subscriptions as consumer groups on the brokers. A subscription's group is registered on every
 * master (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP), so that a durable subscription is found again by any process,
 * and its offsets are moved to the topic's end before its first receive (a subscription sees only messages
 * published after it was made). What it subscribes to is fingerprinted in its group name
 * ({@link ConsumerGroups#fingerprint}) and, where the broker takes them (Apogee's does, Apache's refuses
 * every group attribute), written out in its attributes ({@code jms.topic}, {@code jms.selector},
 * {@code jms.noLocal}) for people reading the group in an admin tool.
 *
 * <p>A named subscription's group name ends with its creation time: the broker keeps a popping group's
 * position in memory, so a subscription made again after {@code unsubscribe} (or with another selector)
 * needs a group the broker has never seen.
 */
public final class Subscriptions {

    private static final Logger LOG = LogManager.getLogger(Subscriptions.class);
    static final String TOPIC = "jms.topic";
    static final String SELECTOR = "jms.selector";
    static final String NO_LOCAL = "jms.noLocal";

    private final ConnectionServices services;

    public Subscriptions(ConnectionServices services) {
        this.services = services;
    }

    /** A new subscription group for {@code topic}, starting at its end. */
    public String create(String group, String topic, String selector, boolean noLocal) throws JMSException {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(TOPIC, topic);
        attributes.put(SELECTOR, selector == null ? "" : selector);
        attributes.put(NO_LOCAL, Boolean.toString(noLocal));
        SubscriptionGroupConfig defaults = SubscriptionGroupConfig.defaults(group);
        SubscriptionGroupConfig config = new SubscriptionGroupConfig(group, true, true, true, false,
                defaults.retryQueueNums(), defaults.retryMaxTimes(), null, 0, 1, true, 0, 15, null, attributes);
        try {
            try {
                services.admin().groups().createOrUpdate(config);
            } catch (RuntimeException e) {
                if (!(unwrap(e) instanceof BrokerRefusedException refused)
                        || refused.responseCode() != ResponseCode.SYSTEM_ERROR) {
                    throw e;
                }
                LOG.debug("broker refused the attributes of group {} ({}); created without them", group,
                        refused.remark());
                services.admin().groups().createOrUpdate(new SubscriptionGroupConfig(group, true, true, true, false,
                        defaults.retryQueueNums(), defaults.retryMaxTimes(), null, 0, 1, true, 0, 15, null, Map.of()));
            }
            services.admin().groups().resetToLatest(group, topic);
        } catch (NoRouteException e) {
            // A topic no broker has yet: it is empty, so starting at its first message is starting at its end.
        } catch (RuntimeException e) {
            if (!(unwrap(e) instanceof NoRouteException) && !isTopicMissing(e)) {
                throw JmsErrors.of("creating subscription group " + group, e);
            }
        }
        return group;
    }

    /** The group of the named subscription, if one exists: its name and attributes. */
    public Existing find(String prefix) throws JMSException {
        try {
            for (String group : services.admin().groups().list()) {
                if (group.startsWith(prefix)) {
                    String fingerprint = ConsumerGroups.fingerprintOf(group, prefix);
                    return new Existing(group, fingerprint, fingerprint == null ? attributes(group) : Map.of());
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw JmsErrors.of("looking up subscription " + prefix, e);
        }
    }

    /**
     * Whether a consumer of {@code group} in another client is connected to a broker. This connection's own
     * client is left out: its members are counted locally, and a broker may still list a consumer it just
     * closed (the first heartbeat of a consumer runs on the client's timer and can arrive after the close's
     * UNREGISTER_CLIENT).
     */
    public boolean online(String group) {
        try {
            String self = services.runtime().clientId();
            return services.admin().groups().connections(group).connections().stream()
                    .anyMatch(connection -> !self.equals(connection.clientId()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Removes {@code group} and its offsets from every master. */
    public void delete(String group) throws JMSException {
        try {
            services.admin().groups().delete(group, true);
        } catch (RuntimeException e) {
            throw JmsErrors.of("deleting subscription group " + group, e);
        }
    }

    /** As {@link #delete}, logging instead of failing (closing a non-durable subscription). */
    public void deleteQuietly(String group) {
        try {
            delete(group);
        } catch (JMSException e) {
            LOG.warn("could not remove subscription group {}: {}", group, e.getMessage());
        }
    }

    /**
     * Removes the named durable subscription.
     *
     * @throws InvalidDestinationException if there is none
     * @throws IllegalStateException       if it has an active consumer
     */
    public void unsubscribe(String prefix, String name) throws JMSException {
        Existing existing = find(prefix);
        if (existing == null) {
            throw new InvalidDestinationException("there is no durable subscription " + name);
        }
        if (online(existing.group())) {
            throw new IllegalStateException("durable subscription " + name + " has an active consumer");
        }
        delete(existing.group());
    }

    private Map<String, String> attributes(String group) {
        return services.admin().groups().config(group).map(SubscriptionGroupConfig::attributes).orElse(Map.of());
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isTopicMissing(RuntimeException e) {
        return unwrap(e) instanceof BrokerRefusedException refused
                && refused.responseCode() == ResponseCode.TOPIC_NOT_EXIST;
    }

    /**
     * A subscription group found on the brokers, with the fingerprint in its name, or (made before
     * fingerprints) its attributes.
     */
    public record Existing(String group, String fingerprint, Map<String, String> attributes) {

        /** Whether it subscribes to exactly this. */
        public boolean sameAs(String topic, String selector, boolean noLocal) {
            if (fingerprint != null) {
                return fingerprint.equals(ConsumerGroups.fingerprint(topic, selector, noLocal));
            }
            return Objects.equals(attributes.get(TOPIC), topic)
                    && Objects.equals(attributes.get(SELECTOR), selector == null ? "" : selector)
                    && Objects.equals(attributes.get(NO_LOCAL), Boolean.toString(noLocal));
        }
    }

    static boolean isClientFailure(Throwable e) {
        return unwrap(e) instanceof ClientException;
    }
}
