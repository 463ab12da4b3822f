package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last messages of a paced stream reach a long-polling push consumer promptly: no message that
 * arrives while pulls are held is left waiting for a next one that never comes.
 */
@Timeout(120)
class BrokerTailDeliveryInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void everyMessageOfAPacedStreamArrivesIncludingEachQueuesLast() throws Exception {
        DefaultMQProducer producer = cluster.producer("interop-tail-producer");
        producer.setDefaultTopicQueueNums(8);
        producer.send(new Message("Tail", "warm-up".getBytes()), 10_000);
        Set<String> received = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2_000; i++) {
            producer.send(new Message("Tail", new byte[1024]), 10_000);
        }
        // A new group reading from the end, started as the stream begins: it rebalances during it.
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("interop-tail");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("interop-tail-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe("Tail", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(m.getMsgId()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            streamAndCheck(producer, received);
        } finally {
            consumer.shutdown();
        }
    }

    private void streamAndCheck(DefaultMQProducer producer, Set<String> received) throws Exception {
        Map<String, String> sent = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
        long interval = TimeUnit.SECONDS.toNanos(1) / 2_000;
        long begin = System.nanoTime();
        for (int i = 0; i < 12_000; i++) {
            long wait = begin + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean counted = i >= 4_000;   // earlier ones may precede the new group's start offset
            producer.send(new Message("Tail", new byte[1024]), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    acked.incrementAndGet();
                    if (counted) {
                        sent.put(result.getMsgId(), "queue " + result.getMessageQueue().getQueueId() + " offset "
                            + result.getQueueOffset());
                    }
                }

                @Override
                public void onException(Throwable e) {
                }
            });
        }
        EmbeddedCluster.await(() -> acked.get() == 12_000, 30_000, "all sends acknowledged");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!received.containsAll(sent.keySet()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Map<String, String> missing = new TreeMap<>();
        sent.forEach((id, where) -> {
            if (!received.contains(id)) {
                missing.put(where, id);
            }
        });
        Map<Integer, Long> maxOffsets = new TreeMap<>();
        for (int q = 0; q < 8; q++) {
            maxOffsets.put(q, cluster.broker().store().maxOffset("Tail", q));
        }
        assertEquals(Map.of(), missing, "missing after 10 s; queue ends " + maxOffsets);
    }
}
