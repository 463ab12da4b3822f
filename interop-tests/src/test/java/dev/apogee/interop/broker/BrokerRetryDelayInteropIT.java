package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerServer;
import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

/** Delay levels, retries after RECONSUME_LATER, and dead letters, with the official 5.5.0 clients. */
@Timeout(120)
class BrokerRetryDelayInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private BrokerServer broker;
    private DefaultMQProducer producer;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        broker = cluster.broker();
        producer = cluster.producer("interop-retry-producer");
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private DefaultMQPushConsumer consumer(String group, String topic, MessageListenerConcurrently listener)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName(group + "-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        // The 5.5.0 client learns a new retry topic's route only from its name-server poll (30 s by default).
        consumer.setPollNameServerInterval(1_000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }


    @Test
    void delayedMessageArrivesAfterItsLevel() throws Exception {
        producer.send(new Message("Delayed", "warm-up".getBytes(StandardCharsets.UTF_8)), 10_000);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = consumer("interop-delay", "Delayed", (messages, context) -> {
            messages.forEach(m -> arrivals.put(new String(m.getBody(), StandardCharsets.UTF_8), System.currentTimeMillis()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            EmbeddedCluster.await(() -> arrivals.containsKey("warm-up"), 30_000, "consumer running");
            Message delayed = new Message("Delayed", "later".getBytes(StandardCharsets.UTF_8));
            delayed.setDelayTimeLevel(2);
            long sentAt = System.currentTimeMillis();
            producer.send(delayed, 10_000);
            EmbeddedCluster.await(() -> arrivals.containsKey("later"), 30_000, "the delayed message arrived");
            long waited = arrivals.get("later") - sentAt;
            assertTrue(waited >= 4_500, "level 2 is 5 s; it came after " + waited + " ms");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void failedMessageIsRetriedThenDeadLettered() throws Exception {
        producer.send(new Message("Flaky", "retry-me".getBytes(StandardCharsets.UTF_8)), 10_000);
        Map<Integer, Long> attempts = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = consumer("interop-retry", "Flaky", (messages, context) -> {
            for (MessageExt message : messages) {
                attempts.put(message.getReconsumeTimes(), System.currentTimeMillis());
                assertEquals("Flaky", message.getTopic());
            }
            return messages.get(0).getReconsumeTimes() == 0
                    ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            EmbeddedCluster.await(() -> attempts.containsKey(1), 60_000, "the message was delivered again after RECONSUME_LATER");
            long gap = attempts.get(1) - attempts.get(0);
            assertTrue(gap >= 9_000, "the first retry waits 10 s; it came after " + gap + " ms");
        } finally {
            consumer.shutdown();
        }

        producer.send(new Message("Doomed", "dead".getBytes(StandardCharsets.UTF_8)), 10_000);
        DefaultMQPushConsumer failing = new DefaultMQPushConsumer("interop-dlq");
        failing.setNamesrvAddr(cluster.namesrvAddress());
        failing.setInstanceName("interop-dlq-" + System.nanoTime());
        failing.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        failing.setMaxReconsumeTimes(0);
        failing.subscribe("Doomed", "*");
        failing.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.RECONSUME_LATER);
        failing.start();
        try {
            EmbeddedCluster.await(() -> broker.store().maxOffset("%DLQ%interop-dlq", 0) == 1, 30_000, "the message reached the DLQ");
        } finally {
            failing.shutdown();
        }
    }
}
