package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerTuning;
import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.message.Message;
import dev.apogee.client.testing.OfficialReader;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.remoting.protocol.message.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our producer against an in-process Apogee name server and broker; what it sent is read back from the
 * store, or by the official 5.5.0 consumer.
 */
@Timeout(120)
class ProducerClusterIT {

    @TempDir
    static Path dataDir;

    private static ApogeeCluster cluster;
    private static Producer producer;
    private static final Map<String, TransactionState> LEDGER = new ConcurrentHashMap<>();
    private static TransactionProducer transactions;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config.withTuning(BrokerTuning.defaults()
                .withTransactionChecks(Duration.ofMillis(300), Duration.ofMillis(500), 15)));
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("it-producer").build();
        transactions = Producer.builder().nameServers(cluster.namesrvAddress()).group("it-transactions")
                .buildTransactional(half -> LEDGER.getOrDefault(half.messageId(), TransactionState.UNKNOWN));
    }

    @AfterAll
    static void stop() {
        if (transactions != null) {
            transactions.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StoredMessage stored(SendResult result) {
        return cluster.broker().store().messageAt(MessageIds.decode(result.offsetMessageId()).physicalOffset());
    }

    @Test
    void syncSendsAreStoredAsAcknowledged() {
        Set<Integer> queues = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            SendResult result = producer.send(Message.of("SyncTopic", bytes("sync " + i)).tags("created")
                    .keys("order-" + i, "k" + i).property("origin", "it"));
            assertEquals(SendStatus.SEND_OK, result.status());
            StoredMessage stored = stored(result);
            assertEquals("SyncTopic", stored.topic());
            assertArrayEquals(bytes("sync " + i), stored.body());
            assertEquals(result.queue().queueId(), stored.queueId());
            assertEquals(result.queueOffset(), stored.queueOffset());
            assertEquals(result.messageId(), stored.property(MessageProperties.UNIQ_KEY));
            assertEquals("created", stored.property(MessageProperties.TAGS));
            assertEquals("order-" + i + " k" + i, stored.property(MessageProperties.KEYS));
            assertEquals("it", stored.property("origin"));
            queues.add(result.queue().queueId());
        }
        assertTrue(queues.size() > 1, "sends spread over the queues: " + queues);
    }

    @Test
    void asyncAndOnewaySendsAreReadBackByTheOfficialConsumer() throws Exception {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sends.add(producer.sendAsync(Message.of("AsyncTopic", bytes("async " + i))));
        }
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<SendResult> send : sends) {
            ids.add(send.get().messageId());
        }
        for (int i = 0; i < 5; i++) {
            producer.sendOneway(Message.of("AsyncTopic", bytes("oneway " + i))).get();
        }
        List<MessageExt> read = OfficialReader.read(cluster.namesrvAddress(), "AsyncTopic", 35);
        assertEquals(35, read.size());
        Set<String> bodies = read.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        for (int i = 0; i < 30; i++) {
            assertTrue(bodies.contains("async " + i));
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(bodies.contains("oneway " + i));
        }
        assertTrue(read.stream().map(MessageExt::getMsgId).collect(Collectors.toSet()).containsAll(ids),
                "the official consumer sees our unique ids as the message ids");
    }

    @Test
    void aBatchIsStoredTogetherInOneQueue() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Message.of("BatchTopic", bytes("batch " + i)).keys("b" + i));
        }
        SendResult result = producer.sendBatch(batch);
        String[] offsetIds = result.offsetMessageId().split(",");
        String[] uniqueIds = result.messageId().split(",");
        assertEquals(5, offsetIds.length);
        assertEquals(5, uniqueIds.length);
        for (int i = 0; i < 5; i++) {
            StoredMessage stored = cluster.broker().store().messageAt(MessageIds.decode(offsetIds[i]).physicalOffset());
            assertArrayEquals(bytes("batch " + i), stored.body());
            assertEquals(result.queueOffset() + i, stored.queueOffset());
            assertEquals(result.queue().queueId(), stored.queueId());
            assertEquals(uniqueIds[i], stored.property(MessageProperties.UNIQ_KEY));
        }
    }

    @Test
    void orderedSendsLandFifoPerQueue() throws Exception {
        int orders = 6;
        int steps = 8;
        Map<String, Integer> queueOfOrder = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            for (int order = 0; order < orders; order++) {
                String orderId = "order-" + order;
                SendResult result = producer.send(Message.of("OrderedTopic", bytes(orderId + ":" + step)),
                        ShardingKeySelector.INSTANCE, orderId);
                Integer previous = queueOfOrder.putIfAbsent(orderId, result.queue().queueId());
                assertEquals(previous == null ? result.queue().queueId() : previous, result.queue().queueId(),
                        "one order, one queue");
            }
        }
        List<MessageExt> read = OfficialReader.read(cluster.namesrvAddress(), "OrderedTopic", orders * steps);
        assertEquals(orders * steps, read.size());
        Map<String, List<MessageExt>> byOrder = read.stream().collect(Collectors.groupingBy(
                m -> new String(m.getBody(), StandardCharsets.UTF_8).split(":")[0]));
        for (List<MessageExt> messages : byOrder.values()) {
            messages.sort(Comparator.comparingLong(MessageExt::getQueueOffset));
            for (int step = 0; step < steps; step++) {
                assertTrue(new String(messages.get(step).getBody(), StandardCharsets.UTF_8).endsWith(":" + step),
                        "steps of an order are stored in the order they were sent");
            }
        }
    }

    @Test
    void compressedBodiesAreReadBackByTheOfficialConsumer() throws Exception {
        byte[] large = bytes("compressible text, ".repeat(1000));
        SendResult result = producer.send(Message.of("CompressedTopic", large).tags("big"));
        StoredMessage stored = stored(result);
        assertTrue((stored.sysFlag() & MessageSysFlag.COMPRESSED) != 0, "stored compressed");
        assertEquals(3 << 8, stored.sysFlag() & MessageSysFlag.COMPRESSION_TYPE_MASK, "typed zlib as 5.x clients do");
        assertTrue(stored.body().length < large.length / 10);
        List<MessageExt> read = OfficialReader.read(cluster.namesrvAddress(), "CompressedTopic", 1);
        assertEquals(1, read.size());
        assertArrayEquals(large, read.get(0).getBody());
        assertEquals("big", read.get(0).getTags());
    }

    @Test
    void transactionsCommitRollBackAndAnswerTheBrokersCheck() throws Exception {
        TransactionSendResult committed = transactions.sendInTransaction(
                Message.of("TxTopic", bytes("commit")), (message, half) -> TransactionState.COMMIT);
        TransactionSendResult rolledBack = transactions.sendInTransaction(
                Message.of("TxTopic", bytes("rollback")), (message, half) -> TransactionState.ROLLBACK);
        TransactionSendResult checked = transactions.sendInTransaction(
                Message.of("TxTopic", bytes("checked")), (message, half) -> {
                    // Outcome not known yet; the checker will find it in the ledger when the broker asks.
                    LEDGER.put(half.messageId(), TransactionState.COMMIT);
                    return TransactionState.UNKNOWN;
                });
        assertEquals(TransactionState.COMMIT, committed.state());
        assertEquals(TransactionState.ROLLBACK, rolledBack.state());
        assertEquals(TransactionState.UNKNOWN, checked.state());

        List<MessageExt> read = OfficialReader.read(cluster.namesrvAddress(), "TxTopic", 2);
        Set<String> bodies = read.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        assertEquals(Set.of("commit", "checked"), bodies, "the rolled-back message is never delivered");
        assertEquals(2, read.size());
    }

    @Test
    void halfMessagesSentNowAreEndedLaterInTheirQueueOrder() throws Exception {
        List<SendResult> halves = new java.util.ArrayList<>();
        for (String body : List.of("h1", "h2", "h3")) {
            halves.add(transactions.sendHalf(Message.of("TxLater", bytes(body)), ShardingKeySelector.INSTANCE, "k"));
        }
        assertEquals(1, halves.stream().map(SendResult::queue).distinct().count(), "one queue for one key");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> transactions.endTransaction("TxLater", halves.get(0), TransactionState.UNKNOWN));
        transactions.endTransaction("TxLater", halves.get(0), TransactionState.COMMIT);
        transactions.endTransaction("TxLater", halves.get(2), TransactionState.ROLLBACK);
        transactions.endTransaction("TxLater", halves.get(1), TransactionState.COMMIT);
        SendResult plain = transactions.sendHalf(Message.of("TxLater", bytes("h4")));
        transactions.endTransactionAsync("TxLater", plain, TransactionState.COMMIT).get(10, TimeUnit.SECONDS);

        List<MessageExt> read = OfficialReader.read(cluster.namesrvAddress(), "TxLater", 3);
        Set<String> bodies = read.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        assertEquals(Set.of("h1", "h2", "h4"), bodies, "the rolled-back half is never delivered");
        assertEquals(3, read.size());
        Map<String, MessageExt> byBody = new HashMap<>();
        read.forEach(m -> byBody.put(new String(m.getBody(), StandardCharsets.UTF_8), m));
        assertEquals(byBody.get("h1").getQueueId(), byBody.get("h2").getQueueId());
        assertTrue(byBody.get("h1").getQueueOffset() < byBody.get("h2").getQueueOffset(), "committed in order");
    }
}
