package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups with the official 5.5.0 push consumer: three instances in clustering mode share
 * the queues (every message consumed, by one of them, as long as none fails) and a broadcasting
 * group gives every instance every message.
 */
@Timeout(120)
class BrokerGroupsInteropIT {

    private static final int MESSAGES = 600;

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private DefaultMQProducer producer;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        producer = cluster.producer("interop-groups-producer");
        producer.setDefaultTopicQueueNums(6);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DefaultMQPushConsumer member(String group, MessageModel model, String topic, Map<String, Integer> seen,
                                        Set<Integer> queues) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName(group + "-" + System.nanoTime());
        consumer.setMessageModel(model);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                String body = new String(message.getBody(), StandardCharsets.UTF_8);
                seen.merge(body, 1, Integer::sum);
                if (!body.equals("warm-up")) {
                    // The warm-up may be read before the members rebalanced; the load comes after.
                    queues.add(message.getQueueId());
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private Set<String> send(String topic) throws Exception {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            producer.send(new Message(topic, ("g" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
            sent.add("g" + i);
        }
        return sent;
    }

    @Test
    void threeClusteringInstancesShareTheQueuesAndLoseNothing() throws Exception {
        producer.send(new Message("Shared", "warm-up".getBytes(StandardCharsets.UTF_8)), 10_000);
        List<Map<String, Integer>> seen = new ArrayList<>();
        List<Set<Integer>> queues = new ArrayList<>();
        List<DefaultMQPushConsumer> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                seen.add(new ConcurrentHashMap<>());
                queues.add(ConcurrentHashMap.newKeySet());
                members.add(member("interop-shared", MessageModel.CLUSTERING, "Shared", seen.get(i), queues.get(i)));
            }
            // Let the three rebalance (notified by the broker when each joins) before the load.
            Thread.sleep(3_000);
            Set<String> sent = send("Shared");
            EmbeddedCluster.await(() -> union(seen).keySet().containsAll(sent), 60_000,
                    "every message consumed by the group");
            for (int i = 0; i < 3; i++) {
                assertTrue(seen.get(i).size() > 0, "instance " + i + " consumed a share");
            }
            for (int i = 0; i < 3; i++) {
                for (int j = i + 1; j < 3; j++) {
                    Set<Integer> both = new HashSet<>(queues.get(i));
                    both.retainAll(queues.get(j));
                    assertEquals(Set.of(), both, "instances " + i + " and " + j + " read disjoint queues");
                }
            }
        } finally {
            members.forEach(DefaultMQPushConsumer::shutdown);
        }
    }

    private static Map<String, Integer> union(List<Map<String, Integer>> seen) {
        Map<String, Integer> all = new ConcurrentHashMap<>();
        seen.forEach(map -> map.forEach((body, count) -> all.merge(body, count, Integer::sum)));
        return all;
    }

    @Test
    void everyBroadcastingInstanceGetsEveryMessage() throws Exception {
        producer.send(new Message("Everyone", "warm-up".getBytes(StandardCharsets.UTF_8)), 10_000);
        Map<String, Integer> first = new ConcurrentHashMap<>();
        Map<String, Integer> second = new ConcurrentHashMap<>();
        DefaultMQPushConsumer a = member("interop-broadcast", MessageModel.BROADCASTING, "Everyone", first,
                ConcurrentHashMap.newKeySet());
        DefaultMQPushConsumer b = member("interop-broadcast", MessageModel.BROADCASTING, "Everyone", second,
                ConcurrentHashMap.newKeySet());
        try {
            Set<String> sent = send("Everyone");
            EmbeddedCluster.await(() -> first.keySet().containsAll(sent) && second.keySet().containsAll(sent), 60_000,
                    "both instances got all: " + first.size() + " and " + second.size());
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }
}
