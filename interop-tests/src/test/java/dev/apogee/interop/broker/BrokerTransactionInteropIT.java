package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.transaction.TransactionLog;
import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional messages with the official 5.5.0 TransactionMQProducer: commits are delivered,
 * rollbacks are not, an unknown outcome is checked back with the producer until it resolves, and
 * a transaction that never resolves is given up after the check limit.
 */
@Timeout(120)
class BrokerTransactionInteropIT {

    private static final int CHECK_MAX = 3;

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private TransactionMQProducer producer;

    @AfterEach
    void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Decides by the body's prefix; "later-" is committed at its second check, "never-" never. */
    private static final class Listener implements TransactionListener {
        final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();

        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.startsWith("commit-")) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
            return body.startsWith("rollback-") ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.UNKNOW;
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt message) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int count = checks.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            if (body.startsWith("later-") && count >= 2) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
            return LocalTransactionState.UNKNOW;
        }
    }

    @Test
    void commitsAreDeliveredRollbacksAreNotAndUnknownOutcomesAreChecked() throws Exception {
        cluster = EmbeddedCluster.start(dataDir, config -> config.withTuning(config.tuning()
                .withTransactionChecks(Duration.ofMillis(500), Duration.ofMillis(500), CHECK_MAX)));
        Listener listener = new Listener();
        producer = new TransactionMQProducer("interop-tx-producer");
        producer.setNamesrvAddr(cluster.namesrvAddress());
        producer.setInstanceName("interop-tx-" + System.nanoTime());
        producer.setTransactionListener(listener);
        producer.start();

        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        cluster.pushConsumer("interop-tx-consumer", "Payments", "*", (MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                deliveries.incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });

        for (String body : new String[] {"commit-1", "rollback-1", "later-1", "never-1", "commit-2", "rollback-2"}) {
            TransactionSendResult result = producer.sendMessageInTransaction(
                    new Message("Payments", "tx", body.getBytes(StandardCharsets.UTF_8)), null);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus(), body);
        }
        EmbeddedCluster.await(() -> received.containsAll(Set.of("commit-1", "commit-2", "later-1")), 30_000,
                "committed messages, and the one committed at a check, arrive: " + received);
        EmbeddedCluster.await(() -> listener.checks.getOrDefault("never-1", new AtomicInteger()).get() >= CHECK_MAX,
                30_000, "the unresolved transaction is checked up to the limit");
        Thread.sleep(2_000);   // several more check intervals: no check past the limit, nothing else arrives
        assertEquals(CHECK_MAX, listener.checks.get("never-1").get(), "checks stop at the limit");
        assertEquals(Set.of("commit-1", "commit-2", "later-1"), received, "rollbacks and the discarded one never arrive");
        assertEquals(3, deliveries.get(), "each commit delivered once");
        assertTrue(listener.checks.get("later-1").get() >= 2);
        assertTrue(!listener.checks.containsKey("commit-1") && !listener.checks.containsKey("rollback-1"),
                "resolved transactions are not checked: " + listener.checks.keySet());
    }

    @Test
    void aRestartNeitherRedeliversACommitNorForgetsAnOpenTransaction() throws Exception {
        cluster = EmbeddedCluster.start(dataDir, config -> config.withTuning(config.tuning()
                .withTransactionChecks(Duration.ofMillis(500), Duration.ofSeconds(3), 10)));
        Listener listener = new Listener();
        producer = new TransactionMQProducer("interop-tx-restart");
        producer.setNamesrvAddr(cluster.namesrvAddress());
        producer.setInstanceName("interop-tx-restart-" + System.nanoTime());
        // The restarted broker knows the producer again from its next heartbeat (30 s by default).
        producer.setHeartbeatBrokerInterval(1_000);
        producer.setTransactionListener(listener);
        producer.start();
        producer.sendMessageInTransaction(new Message("Orders", "commit-a".getBytes(StandardCharsets.UTF_8)), null);
        producer.sendMessageInTransaction(new Message("Orders", "later-a".getBytes(StandardCharsets.UTF_8)), null);
        // END_TRANSACTION is oneway: wait until the commit is in the queue before restarting.
        EmbeddedCluster.await(() -> totalMessages(cluster, "Orders") == 1, 10_000, "the commit is stored");
        cluster.restartBroker();
        EmbeddedCluster.await(() -> totalMessages(cluster, "Orders") == 2, 40_000,
                "the open transaction is checked after the restart and committed");
        Thread.sleep(1_500);
        assertEquals(2, totalMessages(cluster, "Orders"), "the commit before the restart was not repeated");
        assertTrue(cluster.broker().store().maxOffset(TransactionLog.HALF_TOPIC, 0) == 2);
    }

    private static long totalMessages(EmbeddedCluster cluster, String topic) {
        long total = 0;
        for (int queue = 0; queue < 8; queue++) {
            total += Math.max(0, cluster.broker().store().maxOffset(topic, queue));
        }
        return total;
    }
}
