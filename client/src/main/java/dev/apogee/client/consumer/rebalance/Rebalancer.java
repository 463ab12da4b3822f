package dev.apogee.client.consumer.rebalance;

import dev.apogee.client.consumer.MessageModel;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Decides which queues of each subscribed topic one consumer should read: all of them when
 * broadcasting; in clustering mode its share under the {@link AllocationStrategy}, among the members
 * the brokers list for the group. Consumers run it periodically and when a broker says the group's
 * membership changed; the {@link QueueOwner} then takes the new queues and gives up the others.
 */
public final class Rebalancer {

    private static final Logger LOG = LogManager.getLogger(Rebalancer.class);

    /** What the rebalancer hands its decisions to; called on the thread running {@link #rebalance}. */
    @FunctionalInterface
    public interface QueueOwner {
        /** {@code queues} is everything of {@code topic} this consumer should read from now on. */
        void assign(String topic, Set<MessageQueue> queues);
    }

    private final String group;
    private final String clientId;
    private final MessageModel model;
    private final AllocationStrategy strategy;
    private final ConsumerRequests requests;
    private final Routes routes;
    private final QueueOwner owner;

    public Rebalancer(String group, String clientId, MessageModel model, AllocationStrategy strategy,
                      ConsumerRequests requests, Routes routes, QueueOwner owner) {
        this.group = group;
        this.clientId = clientId;
        this.model = model;
        this.strategy = strategy;
        this.requests = requests;
        this.routes = routes;
        this.owner = owner;
    }

    /**
     * Rebalances every topic of {@code topics}; a topic that cannot be decided now keeps its queues.
     * Returns whether every topic was decided.
     */
    public boolean rebalance(Collection<String> topics) {
        boolean complete = true;
        for (String topic : topics) {
            try {
                Optional<Set<MessageQueue>> share = share(topic);
                if (share.isPresent()) {
                    owner.assign(topic, share.get());
                } else {
                    complete = false;
                }
            } catch (RuntimeException e) {
                complete = false;
                LOG.warn("rebalancing topic {} of group {} failed; keeping its queues for now: {}", topic, group,
                        e.toString());
            }
        }
        return complete;
    }

    /** This consumer's share of {@code topic}, or empty when it cannot be told (no route, not yet a member). */
    Optional<Set<MessageQueue>> share(String topic) {
        TopicRoute route;
        try {
            route = Rpc.await(routes.route(topic));
        } catch (RuntimeException e) {
            LOG.debug("no route of {} for group {} yet: {}", topic, group, e.getMessage());
            return Optional.empty();
        }
        List<MessageQueue> queues = new ArrayList<>(route.readableQueues());
        queues.sort(null);
        if (model == MessageModel.BROADCASTING) {
            return Optional.of(Set.copyOf(queues));
        }
        List<String> members = new ArrayList<>(Rpc.await(requests.groupMembers(group, topic)));
        if (!members.contains(clientId)) {
            // The brokers have not seen this member's heartbeat yet; taking a share now would overlap others'.
            LOG.debug("group {} on {} does not list {} yet: {}", group, topic, clientId, members);
            return Optional.empty();
        }
        members.sort(null);
        List<MessageQueue> mine = strategy.allocate(group, clientId, List.copyOf(queues), List.copyOf(members));
        Set<MessageQueue> share = new HashSet<>(mine);
        if (!queues.containsAll(share)) {
            throw new IllegalStateException("allocation strategy " + strategy.name() + " returned queues that are not "
                    + "readable queues of " + topic + ": " + mine);
        }
        return Optional.of(share);
    }
}
