package dev.apogee.jms.consumer;

import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.connection.ConnectionServices;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes a connection's consumers, choosing each one's consumer group (the mapping table in the README):
 * a queue's one group; a group per non-durable subscription; a named group per durable or shared
 * subscription, found again on the brokers.
 */
public final class ConsumerFactory {

    /** Local consumers per named subscription group (so the last one out removes a shared non-durable one). */
    private static final Map<String, Integer> LOCAL_MEMBERS = new ConcurrentHashMap<>();

    private final ConnectionServices services;
    private final Subscriptions subscriptions;
    private final Supplier<String> clientId;

    public ConsumerFactory(ConnectionServices services, Supplier<String> clientId) {
        this.services = services;
        this.subscriptions = new Subscriptions(services);
        this.clientId = clientId;
    }

    /** A consumer of a queue (competing in its group) or a non-durable subscriber of a topic. */
    public ApogeeMessageConsumer create(ApogeeSession session, ApogeeDestination destination, SelectorPlan plan,
                                        boolean noLocal) throws JMSException {
        if (destination instanceof ApogeeQueue) {
            return new ApogeeMessageConsumer(session, destination, plan, noLocal,
                    ConsumerGroups.queue(destination.name()), true, null);
        }
        String group = subscriptions.create(ConsumerGroups.nonDurable(destination.name()), destination.name(),
                plan.expression(), noLocal);
        return new ApogeeMessageConsumer(session, destination, plan, noLocal, group, false,
                () -> subscriptions.deleteQuietly(group));
    }

    /** An unshared durable subscriber: one active consumer at a time. */
    public synchronized ApogeeMessageConsumer durable(ApogeeSession session, ApogeeDestination destination,
                                                      String name, SelectorPlan plan, boolean noLocal)
            throws JMSException {
        checkName(name);
        String group = named(true, destination, name, plan, noLocal, false);
        return member(session, destination, plan, noLocal, group, false);
    }

    /** A consumer of a shared subscription, durable or not: every consumer of it competes in its group. */
    public synchronized ApogeeMessageConsumer shared(ApogeeSession session, ApogeeDestination destination,
                                                     String name, SelectorPlan plan, boolean durable)
            throws JMSException {
        checkName(name);
        String group = named(durable, destination, name, plan, false, true);
        return member(session, destination, plan, false, group, !durable);
    }

    private ApogeeMessageConsumer member(ApogeeSession session, ApogeeDestination destination, SelectorPlan plan,
                                         boolean noLocal, String group, boolean removeWhenLast) {
        LOCAL_MEMBERS.merge(group, 1, Integer::sum);
        return new ApogeeMessageConsumer(session, destination, plan, noLocal, group, true, () -> {
            Integer left = LOCAL_MEMBERS.computeIfPresent(group, (g, n) -> n <= 1 ? null : n - 1);
            if (removeWhenLast && left == null && !subscriptions.online(group)) {
                subscriptions.deleteQuietly(group);
            }
        });
    }

    /** The group of the named subscription: the existing one if it matches, else a new one. */
    private String named(boolean durable, ApogeeDestination destination, String name, SelectorPlan plan,
                         boolean noLocal, boolean shared) throws JMSException {
        String prefix = ConsumerGroups.subscriptionPrefix(durable, clientId.get(), name);
        Subscriptions.Existing existing = subscriptions.find(prefix);
        if (existing != null) {
            boolean active = LOCAL_MEMBERS.containsKey(existing.group()) || subscriptions.online(existing.group());
            if (existing.sameAs(destination.name(), plan.expression(), noLocal)) {
                if (active && !shared) {
                    throw new IllegalStateException("durable subscription " + name + " already has an active consumer");
                }
                return existing.group();
            }
            if (active) {
                throw new IllegalStateException("subscription " + name
                        + " is active with another topic or selector; close its consumers first");
            }
            // Jakarta Messaging 6.2.7: a changed topic or selector replaces the subscription.
            subscriptions.delete(existing.group());
        }
        String fingerprint = ConsumerGroups.fingerprint(destination.name(), plan.expression(), noLocal);
        return subscriptions.create(ConsumerGroups.newSubscription(durable, clientId.get(), name, fingerprint),
                destination.name(), plan.expression(), noLocal);
    }

    /** Deletes the named durable subscription of this client id. */
    public synchronized void unsubscribe(String name) throws JMSException {
        checkName(name);
        String prefix = ConsumerGroups.subscriptionPrefix(true, clientId.get(), name);
        Subscriptions.Existing existing = subscriptions.find(prefix);
        if (existing != null && LOCAL_MEMBERS.containsKey(existing.group())) {
            throw new IllegalStateException("durable subscription " + name + " has an active consumer");
        }
        subscriptions.unsubscribe(prefix, name);
    }

    private static void checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a subscription name must not be null or empty");
        }
    }
}
