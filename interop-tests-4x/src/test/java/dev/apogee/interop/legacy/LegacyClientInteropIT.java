package dev.apogee.interop.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 4.9.8 Java client, unchanged, against Apogee: sends of every kind, push and lite-pull
 * consumers with tags and SQL92, orderly consumption, transactions, delay levels, and queries by
 * key and id.
 */
@Timeout(180)
class LegacyClientInteropIT {

    @TempDir
    Path dataDir;

    private ApogeeCluster cluster;
    private final List<Runnable> shutdowns = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        for (int i = shutdowns.size() - 1; i >= 0; i--) {
            shutdowns.get(i).run();
        }
        cluster.close();
    }

    private DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(cluster.namesrvAddress());
        producer.setInstanceName(group + "-" + System.nanoTime());
        producer.start();
        shutdowns.add(producer::shutdown);
        return producer;
    }

    private DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName(group + "-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        shutdowns.add(consumer::shutdown);
        return consumer;
    }

    private static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, what);
            Thread.sleep(50);
        }
    }

    @Test
    void sendsOfEveryKindReachATagSubscriberAndTheQueriesFindThem() throws Exception {
        DefaultMQProducer producer = producer("legacy-producer");
        Set<String> sent = new HashSet<>();
        SendResult keyed = null;
        for (int i = 0; i < 20; i++) {
            Message message = new Message("Legacy", i % 2 == 0 ? "A" : "B", "key-" + i,
                    ("sync-" + i).getBytes(StandardCharsets.UTF_8));
            SendResult result = producer.send(message, 10_000);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            if (i == 4) {
                keyed = result;
            }
            if (i % 2 == 0) {
                sent.add("sync-" + i);
            }
        }
        CountDownLatch asyncDone = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            producer.send(new Message("Legacy", "A", ("async-" + i).getBytes(StandardCharsets.UTF_8)), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    asyncDone.countDown();
                }

                @Override
                public void onException(Throwable e) {
                }
            }, 10_000);
            sent.add("async-" + i);
        }
        assertTrue(asyncDone.await(30, TimeUnit.SECONDS), "async sends acknowledged");
        producer.sendOneway(new Message("Legacy", "A", "oneway".getBytes(StandardCharsets.UTF_8)));
        sent.add("oneway");
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new Message("Legacy", "A", ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
            sent.add("batch-" + i);
        }
        assertEquals(SendStatus.SEND_OK, producer.send(batch, 10_000).getSendStatus());

        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = pushConsumer("legacy-consumer");
        consumer.subscribe("Legacy", "A");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await(() -> received.containsAll(sent), 60_000, "the tag A messages arrive: " + received.size() + " of " + sent.size());
        Thread.sleep(500);
        assertEquals(sent, received, "only tag A");

        long now = System.currentTimeMillis();
        QueryResult byKey = producer.queryMessage("Legacy", "key-4", 32, now - 600_000, now + 60_000);
        assertEquals(List.of("sync-4"), byKey.getMessageList().stream().map(LegacyClientInteropIT::body).toList());
        MessageExt byId = producer.viewMessage(keyed.getOffsetMsgId());
        assertEquals("sync-4", body(byId));
    }

    @Test
    void litePullWithSqlAndAnOrderlyConsumerWork() throws Exception {
        DefaultMQProducer producer = producer("legacy-order-producer");
        for (int i = 0; i < 40; i++) {
            Message message = new Message("LegacyOrdered", ("" + i).getBytes(StandardCharsets.UTF_8));
            message.putUserProperty("n", Integer.toString(i));
            producer.send(message, (queues, msg, arg) -> queues.get(0), null, 10_000);
        }
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        DefaultMQPushConsumer orderly = pushConsumer("legacy-orderly");
        orderly.subscribe("LegacyOrdered", "*");
        orderly.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            messages.forEach(m -> order.add(Integer.parseInt(body(m))));
            return ConsumeOrderlyStatus.SUCCESS;
        });
        orderly.start();
        await(() -> order.size() >= 40, 60_000, "the orderly consumer got the queue: " + order.size());
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i) > order.get(i - 1), "in order: " + order);
        }

        DefaultLitePullConsumer lite = new DefaultLitePullConsumer("legacy-lite");
        lite.setNamesrvAddr(cluster.namesrvAddress());
        lite.setInstanceName("legacy-lite-" + System.nanoTime());
        lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.subscribe("LegacyOrdered", MessageSelector.bySql("n >= 30"));
        lite.start();
        shutdowns.add(lite::shutdown);
        Set<String> selected = new HashSet<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (selected.size() < 10 && System.currentTimeMillis() < deadline) {
            lite.poll(1_000).forEach(m -> selected.add(body(m)));
        }
        lite.poll(500).forEach(m -> selected.add(body(m)));
        Set<String> expected = new HashSet<>();
        for (int i = 30; i < 40; i++) {
            expected.add("" + i);
        }
        assertEquals(expected, selected, "SQL92 selects n >= 30 only");
    }

    @Test
    void transactionsAndDelayLevelsWork() throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer("legacy-tx");
        producer.setNamesrvAddr(cluster.namesrvAddress());
        producer.setInstanceName("legacy-tx-" + System.nanoTime());
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return new String(msg.getBody(), StandardCharsets.UTF_8).startsWith("commit")
                        ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        producer.start();
        shutdowns.add(producer::shutdown);
        producer.sendMessageInTransaction(new Message("LegacyTx", "commit-1".getBytes(StandardCharsets.UTF_8)), null);
        producer.sendMessageInTransaction(new Message("LegacyTx", "rollback-1".getBytes(StandardCharsets.UTF_8)), null);
        Message delayed = new Message("LegacyTx", "delayed".getBytes(StandardCharsets.UTF_8));
        delayed.setDelayTimeLevel(1);
        long sentAt = System.currentTimeMillis();
        producer.send(delayed, 10_000);

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = pushConsumer("legacy-tx-consumer");
        consumer.subscribe("LegacyTx", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> arrivals.putIfAbsent(body(m), System.currentTimeMillis()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await(() -> arrivals.containsKey("commit-1") && arrivals.containsKey("delayed"), 60_000,
                "the commit and the delayed message arrive: " + arrivals.keySet());
        Thread.sleep(1_000);
        assertEquals(Set.of("commit-1", "delayed"), arrivals.keySet(), "the rollback never arrives");
        assertTrue(arrivals.get("delayed") - sentAt >= 900, "level 1 is 1 s");
    }
}
