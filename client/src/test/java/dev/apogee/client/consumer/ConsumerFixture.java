package dev.apogee.client.consumer;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.header.broker.CreateTopicRequestHeader;
import dev.apogee.remoting.testing.Await;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the consumer ITs share: topics with a given number of queues, and counting receipts. */
final class ConsumerFixture {

    private ConsumerFixture() {
    }

    /** Creates {@code topic} with {@code queues} queues on the cluster's broker and waits until its route shows them. */
    static void createTopic(ApogeeCluster cluster, ClientRuntime runtime, String topic, int queues) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC,
                new CreateTopicRequestHeader(topic, null, queues, queues, TopicPerm.READ | TopicPerm.WRITE, null, null,
                        null, null, null));
        runtime.rpc().callSync(cluster.broker().address(), request, 3_000);
        Await.until("the route of " + topic + " with " + queues + " queues", Duration.ofSeconds(20), () -> {
            try {
                TopicRoute route = runtime.routes().refresh(topic).get();
                return route.readableQueues().size() == queues;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Counts deliveries per key: how many distinct keys arrived, and how many arrived more than once. */
    static final class Receipts {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(String key) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        int distinct() {
            return counts.size();
        }

        boolean containsAll(Collection<String> keys) {
            return counts.keySet().containsAll(keys);
        }

        long duplicates() {
            return counts.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        }

        int count(String key) {
            AtomicInteger n = counts.get(key);
            return n == null ? 0 : n.get();
        }

        java.util.Set<String> keys() {
            return java.util.Set.copyOf(counts.keySet());
        }
    }
}
