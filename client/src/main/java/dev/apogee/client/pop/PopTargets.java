package dev.apogee.client.pop;

import dev.apogee.client.NoRouteException;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a receive of a topic pops, in the order to try: the masters of the broker groups with
 * readable queues of the topic, starting one further at each receive (round robin), and those of the
 * group's pop retry topic when it exists. Apogee brokers redeliver unacknowledged messages in place,
 * but a retry topic may hold messages from elsewhere (an Apache broker's revive, a migration); Apache
 * brokers pop it within the same request, so there it is just empty. Retry targets come first at
 * every fifth receive, so that a steady flow of new messages cannot starve redeliveries.
 */
final class PopTargets {

    private static final int RETRY_FIRST_EVERY = 5;

    private final Routes routes;
    private final String group;
    private final long retryCheckMillis;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    /** Retry topics found missing, with when to look again. */
    private final Map<String, Long> missingRetryTopics = new ConcurrentHashMap<>();

    PopTargets(Routes routes, String group, long retryCheckMillis) {
        this.routes = routes;
        this.group = group;
        this.retryCheckMillis = retryCheckMillis;
    }

    /** The targets of one receive of {@code topic}; fails with {@link NoRouteException} if the topic has no readable queue. */
    CompletableFuture<List<PopTarget>> of(String topic) {
        int turn = turns.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement() & Integer.MAX_VALUE;
        CompletableFuture<List<PopTarget>> main = routes.route(topic).thenApply(route -> {
            List<PopTarget> targets = targets(route, false);
            if (targets.isEmpty()) {
                throw new NoRouteException(topic, "topic " + topic + " has no readable queue on a broker with a master");
            }
            return targets;
        });
        return main.thenCombine(retryTargets(topic), (normal, retry) -> {
            List<PopTarget> ordered = new ArrayList<>();
            boolean retryFirst = turn % RETRY_FIRST_EVERY == 0;
            if (retryFirst) {
                ordered.addAll(rotate(retry, turn));
            }
            ordered.addAll(rotate(normal, turn));
            if (!retryFirst) {
                ordered.addAll(rotate(retry, turn));
            }
            return ordered;
        });
    }

    /** The target for one chosen queue's broker, popping the topic itself. */
    CompletableFuture<PopTarget> of(MessageQueue queue) {
        return routes.route(queue.topic()).thenApply(route -> {
            String address = route.masterAddress(queue.brokerName());
            if (address == null) {
                throw new NoRouteException(queue.topic(), "broker " + queue.brokerName() + " of topic " + queue.topic()
                        + " has no master in the route");
            }
            return new PopTarget(queue.brokerName(), address, queue.topic(), false);
        });
    }

    private CompletableFuture<List<PopTarget>> retryTargets(String topic) {
        String retryTopic = PopReceipt.retryTopic(group, topic);
        Long lookAgainAt = missingRetryTopics.get(retryTopic);
        if (lookAgainAt != null && System.currentTimeMillis() < lookAgainAt) {
            return CompletableFuture.completedFuture(List.of());
        }
        return routes.route(retryTopic).handle((route, failure) -> {
            if (failure != null) {
                if (Rpc.unwrap(failure) instanceof NoRouteException) {
                    missingRetryTopics.put(retryTopic, System.currentTimeMillis() + retryCheckMillis);
                }
                // Any other failure costs only the redeliveries of this receive; the next one looks again.
                return List.of();
            }
            missingRetryTopics.remove(retryTopic);
            return targets(route, true);
        });
    }

    private static List<PopTarget> targets(TopicRoute route, boolean retry) {
        Set<String> brokers = new LinkedHashSet<>();
        for (MessageQueue queue : route.readableQueues()) {
            brokers.add(queue.brokerName());
        }
        List<PopTarget> targets = new ArrayList<>();
        for (String broker : brokers) {
            String address = route.masterAddress(broker);
            if (address != null) {
                targets.add(new PopTarget(broker, address, route.topic(), retry));
            }
        }
        return targets;
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        if (list.size() < 2) {
            return list;
        }
        List<T> rotated = new ArrayList<>(list.size());
        int start = by % list.size();
        for (int i = 0; i < list.size(); i++) {
            rotated.add(list.get((start + i) % list.size()));
        }
        return rotated;
    }
}
