package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SQL92 property filtering, evaluated on the broker, with the official 5.5.0 push and lite-pull consumers. */
@Timeout(120)
class BrokerSqlFilterInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Ten messages: property a = 0..9, region eu for even ones, and one message without a. */
    private void sendSample(DefaultMQProducer producer, String topic) throws Exception {
        for (int i = 0; i < 10; i++) {
            Message message = new Message(topic, i % 2 == 0 ? "even" : "odd", ("m" + i).getBytes(StandardCharsets.UTF_8));
            message.putUserProperty("a", Integer.toString(i));
            message.putUserProperty("region", i % 2 == 0 ? "eu" : "us");
            producer.send(message, 10_000);
        }
        producer.send(new Message(topic, "plain".getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    @Test
    void pushConsumerGetsExactlyWhatItsExpressionSelects() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-sql-producer");
        sendSample(producer, "Sql");
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("interop-sql");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-sql-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("Sql", MessageSelector.bySql("a >= 4 AND region = 'eu' AND TAGS = 'even'"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            EmbeddedCluster.await(() -> received.size() >= 3, 30_000, "selected messages arrive: " + received);
            // Messages published after the consumer started are filtered the same way.
            sendSample(producer, "Sql");
            Thread.sleep(2_000);
            assertEquals(Set.of("m4", "m6", "m8"), received, "a >= 4 AND region = 'eu': nothing else, none missing");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void litePullConsumerWithSqlAndAMissingPropertyMatchesNothingForIt() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        DefaultMQProducer producer = cluster.producer("interop-sql-lite-producer");
        sendSample(producer, "SqlLite");
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("interop-sql-lite");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-sql-lite-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("SqlLite", MessageSelector.bySql("a BETWEEN 2 AND 3 OR a IS NULL"));
        consumer.start();
        try {
            Set<String> received = ConcurrentHashMap.newKeySet();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 3 && System.currentTimeMillis() < deadline) {
                for (MessageExt message : consumer.poll(Duration.ofSeconds(1).toMillis())) {
                    received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                }
            }
            consumer.poll(1_000).forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            assertEquals(Set.of("m2", "m3", "plain"), received);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void aMalformedExpressionIsRefusedWhenTheConsumerStarts() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        cluster.producer("interop-sql-bad-producer").send(new Message("SqlBad", "x".getBytes(StandardCharsets.UTF_8)),
                10_000);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("interop-sql-bad");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-sql-bad-" + System.nanoTime());
        consumer.subscribe("SqlBad", MessageSelector.bySql("a >= AND ("));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        try {
            MQClientException refused = assertThrows(MQClientException.class, consumer::start);
            assertTrue(String.valueOf(refused.getMessage()).contains("SQL") || refused.getResponseCode() == 23
                    || String.valueOf(refused.getCause()).contains("23"), String.valueOf(refused));
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void sqlCanBeSwitchedOff() throws Exception {
        cluster = EmbeddedCluster.start(dataDir, config -> config.withTuning(config.tuning().withPropertyFilter(false)));
        cluster.producer("interop-sql-off-producer").send(new Message("SqlOff", "x".getBytes(StandardCharsets.UTF_8)),
                10_000);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("interop-sql-off");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-sql-off-" + System.nanoTime());
        consumer.subscribe("SqlOff", MessageSelector.bySql("a > 1"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        try {
            assertThrows(MQClientException.class, consumer::start, "the broker says it does not filter by SQL92");
        } finally {
            consumer.shutdown();
        }
    }
}
