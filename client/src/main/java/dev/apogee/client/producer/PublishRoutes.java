package dev.apogee.client.producer;

import dev.apogee.client.NoRouteException;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producer's {@link PublishRoute} per topic, derived from the runtime's routes (their one owner) and
 * rebuilt whenever the runtime's route object changes. A topic no name server knows yet is sent to
 * the queues of the auto-create key topic ({@code TBW102}), at most {@code defaultTopicQueueNums} per
 * broker, as the official producer does: the broker creates the topic on the first send and
 * announces it, after which the real route takes over. Such a provisional route is re-checked with
 * the name servers at most once a second.
 */
final class PublishRoutes {

    private static final long PROVISIONAL_RECHECK_NANOS = 1_000_000_000L;

    private final Routes routes;
    private final int defaultTopicQueueNums;
    private final Map<String, PublishRoute> byTopic = new ConcurrentHashMap<>();
    private final Map<String, Long> provisionalSince = new ConcurrentHashMap<>();

    PublishRoutes(Routes routes, int defaultTopicQueueNums) {
        this.routes = routes;
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    /** Where to send {@code topic}: fails with {@link NoRouteException} when nowhere. */
    CompletableFuture<PublishRoute> get(String topic) {
        TopicRoute cached = routes.cached(topic);
        PublishRoute current = byTopic.get(topic);
        if (cached != null) {
            return CompletableFuture.completedFuture(current != null && current.route() == cached
                    ? current : fromRoute(topic, cached));
        }
        if (current != null && current.provisional()
                && System.nanoTime() - provisionalSince.getOrDefault(topic, 0L) < PROVISIONAL_RECHECK_NANOS) {
            return CompletableFuture.completedFuture(current);
        }
        return routes.refresh(topic).thenApply(route -> fromRoute(topic, route)).exceptionallyCompose(failure -> {
            if (!(Rpc.unwrap(failure) instanceof NoRouteException)) {
                return CompletableFuture.failedFuture(Rpc.unwrap(failure));
            }
            return routes.route(Topics.AUTO_CREATE_KEY).thenApply(key -> provisional(topic, key))
                    .exceptionallyCompose(keyFailure -> CompletableFuture.failedFuture(new NoRouteException(topic,
                            "no route for topic " + topic + ", and no route of " + Topics.AUTO_CREATE_KEY
                                    + " to create it through: " + Rpc.unwrap(keyFailure).getMessage())));
        });
    }

    private PublishRoute fromRoute(String topic, TopicRoute route) {
        if (route.writableQueues().isEmpty()) {
            throw new NoRouteException(topic, "topic " + topic + " has no writable queue on a broker with a master");
        }
        PublishRoute publish = PublishRoute.of(route, route.writableQueues(), false);
        byTopic.put(topic, publish);
        provisionalSince.remove(topic);
        return publish;
    }

    private PublishRoute provisional(String topic, TopicRoute key) {
        Map<String, Integer> perBroker = new HashMap<>();
        List<MessageQueue> queues = new ArrayList<>();
        for (MessageQueue queue : key.writableQueues()) {
            int count = perBroker.merge(queue.brokerName(), 1, Integer::sum);
            if (count <= defaultTopicQueueNums) {
                queues.add(new MessageQueue(topic, queue.brokerName(), queue.queueId()));
            }
        }
        if (queues.isEmpty()) {
            throw new NoRouteException(topic, "no route for topic " + topic + ", and " + Topics.AUTO_CREATE_KEY
                    + " has no writable queue to create it through (is auto-creation off? create the topic)");
        }
        PublishRoute publish = PublishRoute.of(key, queues, true);
        byTopic.put(topic, publish);
        provisionalSince.put(topic, System.nanoTime());
        return publish;
    }

    /** The writable queues of {@code topic} as ordered sends see them: sorted by broker, then queue id. */
    CompletableFuture<List<MessageQueue>> queues(String topic) {
        return get(topic).thenApply(PublishRoute::sorted);
    }
}
