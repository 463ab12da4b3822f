package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerServer;
import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 5.5.0 push and lite-pull consumers read from Apogee's broker: heartbeats, rebalance,
 * offsets, tag filtering and long polling as they use them.
 */
@Timeout(120)
class BrokerConsumeInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private BrokerServer broker;
    private DefaultMQProducer producer;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        broker = cluster.broker();
        producer = cluster.producer("interop-consume-producer");
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }


    @Test
    void pushConsumerReceivesTheTagsItSubscribedTo() throws Exception {
        String[] tags = {"a", "b", "c"};
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String tag = tags[i % 3];
            String body = tag + "-" + i;
            producer.send(new Message("Events", tag, body.getBytes(StandardCharsets.UTF_8)), 10_000);
            if (!tag.equals("c")) {
                expected.add(body);
            }
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("interop-push");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-push-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("Events", "a || b");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                received.add(new String(message.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            EmbeddedCluster.await(() -> received.size() >= expected.size(), 60_000, "received " + received.size() + " of " + expected.size());
            // A message sent now reaches the consumer through a held (long-polling) pull.
            producer.send(new Message("Events", "a", "late".getBytes(StandardCharsets.UTF_8)), 10_000);
            EmbeddedCluster.await(() -> received.contains("late"), 20_000, "the late message arrived");
            expected.add("late");
            assertEquals(expected, received);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void litePullConsumerReadsEverything() throws Exception {
        for (int i = 0; i < 20; i++) {
            producer.send(new Message("Lite", ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
        }
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("interop-lite");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-lite-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("Lite", "*");
        consumer.start();
        Set<String> received = new HashSet<>();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < 20 && System.currentTimeMillis() < deadline) {
                for (MessageExt message : consumer.poll(1_000)) {
                    received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(20, received.size());
        } finally {
            consumer.shutdown();
        }
    }
}
