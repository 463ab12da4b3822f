package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.Message;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishRouteTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final BrokerFaults faults = new BrokerFaults(BrokerFaults.Policy.defaults(), now::get);

    static TopicRoute route(String topic, int queues, String... brokers) {
        List<QueueData> queueDatas = new ArrayList<>();
        List<BrokerData> brokerDatas = new ArrayList<>();
        int port = 10911;
        for (String broker : brokers) {
            queueDatas.add(new QueueData(broker, queues, queues, TopicPerm.READ_WRITE, 0));
            brokerDatas.add(new BrokerData("c", broker, Map.of(0L, "127.0.0.1:" + port++), false, null));
        }
        return TopicRoute.of(topic, new TopicRouteData(null, queueDatas, brokerDatas, null, null));
    }

    @Test
    void roundRobinAlternatesBrokersAndVisitsEveryQueue() {
        PublishRoute publish = PublishRoute.of(route("T", 2, "a", "b"), route("T", 2, "a", "b").writableQueues(), false);
        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picked.add(publish.pick(null, faults));
        }
        for (int i = 1; i < picked.size(); i++) {
            assertNotEquals(picked.get(i - 1).brokerName(), picked.get(i).brokerName(), "consecutive sends alternate");
        }
        assertEquals(4, picked.stream().distinct().count(), "every queue is used");
    }

    @Test
    void theBrokerThatJustFailedIsSkippedOnRetry() {
        PublishRoute publish = PublishRoute.of(route("T", 4, "a", "b"), route("T", 4, "a", "b").writableQueues(), false);
        for (int i = 0; i < 10; i++) {
            assertEquals("b", publish.pick("a", faults).brokerName());
        }
    }

    @Test
    void avoidedBrokersGetNoSendsUntilTheirPeriodEnds() {
        PublishRoute publish = PublishRoute.of(route("T", 4, "a", "b", "c"),
                route("T", 4, "a", "b", "c").writableQueues(), false);
        faults.record("b", 2_000, false);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            counts.merge(publish.pick(null, faults).brokerName(), 1, Integer::sum);
        }
        assertEquals(null, counts.get("b"));
        now.addAndGet(6_000);
        counts.clear();
        for (int i = 0; i < 30; i++) {
            counts.merge(publish.pick(null, faults).brokerName(), 1, Integer::sum);
        }
        assertEquals(10, counts.get("b"), "tried again after the avoidance ran out");
    }

    @Test
    void whenEveryBrokerIsAvoidedTheSoonestBackIsUsed() {
        PublishRoute publish = PublishRoute.of(route("T", 2, "a", "b"), route("T", 2, "a", "b").writableQueues(), false);
        faults.record("a", 5, true);
        faults.record("b", 600, false);
        assertEquals("b", publish.pick(null, faults).brokerName());
        assertEquals("a", publish.pick("b", faults).brokerName(), "the failed broker is left out if another exists");
    }

    @Test
    void aSingleBrokerIsUsedEvenRightAfterItFailed() {
        PublishRoute publish = PublishRoute.of(route("T", 2, "a"), route("T", 2, "a").writableQueues(), false);
        faults.record("a", 5, true);
        assertEquals("a", publish.pick("a", faults).brokerName());
    }

    @Test
    void shardingKeysMapToOneQueueEach() {
        List<MessageQueue> queues = route("T", 4, "a", "b").writableQueues();
        Message message = Message.of("T", "x".getBytes(StandardCharsets.UTF_8));
        MessageQueue first = ShardingKeySelector.INSTANCE.select(queues, message, "order-42");
        for (int i = 0; i < 5; i++) {
            assertEquals(first, ShardingKeySelector.INSTANCE.select(queues, message, "order-42"));
        }
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> ShardingKeySelector.INSTANCE.select(queues, message, "order-" + i)).distinct().count();
        assertTrue(distinct > 4, "keys spread over the queues");
    }
}
