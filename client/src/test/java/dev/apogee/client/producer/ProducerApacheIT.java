package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.anchors.ApacheRocketMq;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.client.testing.OfficialReader;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core of {@link ProducerClusterIT} against the real Apache RocketMQ 5.5.0 name server and broker:
 * what our producer sends is read back by the official 5.5.0 consumer, and the broker's transaction
 * checks reach our checker. Auto topic creation is off, so every topic is created by our admin client
 * first and a topic nobody created has no route at all.
 */
@Timeout(120)
class ProducerApacheIT {

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.with(ApacheRocketMq.Options.defaults()
            .withSegmentBytes(16L << 20)
            // Apache checks a half message once it is transactionTimeOut (stock 6 s) old, at this interval.
            .withTransactionCheckInterval(Duration.ofSeconds(1))
            .withBrokerConf("autoCreateTopicEnable=false"));

    private static final Map<String, TransactionState> LEDGER = new ConcurrentHashMap<>();
    /** The unique ids of the half messages the broker asked our checker about. */
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    private static Producer producer;
    private static TransactionProducer transactions;

    @BeforeAll
    static void start() {
        producer = APACHE.closing(Producer.builder().nameServers(APACHE.namesrvAddress()).group("apache-producer")
                .build());
        transactions = APACHE.closing(Producer.builder().nameServers(APACHE.namesrvAddress())
                .group("apache-transactions")
                .buildTransactional(half -> {
                    CHECKED.add(half.messageId());
                    return LEDGER.getOrDefault(half.messageId(), TransactionState.UNKNOWN);
                }));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void syncSendsAreReadBackWithTheirTagsKeysPropertiesAndOffsets() throws Exception {
        String topic = APACHE.createTopic("ApacheSync", 4);
        Map<String, SendResult> sent = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            SendResult result = producer.send(Message.of(topic, bytes("sync " + i)).tags("created")
                    .keys("order-" + i, "k" + i).property("origin", "it"));
            assertEquals(SendStatus.SEND_OK, result.status());
            assertEquals(APACHE.brokerName(), result.queue().brokerName());
            sent.put("sync " + i, result);
        }
        assertTrue(sent.values().stream().map(r -> r.queue().queueId()).distinct().count() == 4,
                "sends spread over the four queues");

        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic, 12);
        assertEquals(12, read.size());
        for (MessageExt message : read) {
            SendResult result = sent.get(text(message));
            assertEquals(result.messageId(), message.getMsgId(), "our unique id is the official message id");
            assertEquals(result.offsetMessageId(), ((MessageClientExt) message).getOffsetMsgId(), "the broker's offset id, as it answered");
            assertEquals(result.queue().queueId(), message.getQueueId());
            assertEquals(result.queueOffset(), message.getQueueOffset());
            assertEquals("created", message.getTags());
            int i = Integer.parseInt(text(message).substring(5));
            assertEquals("order-" + i + " k" + i, message.getKeys());
            assertEquals("it", message.getUserProperty("origin"));
        }
    }

    @Test
    void asyncAndOnewaySendsAreReadBackByTheOfficialConsumer() throws Exception {
        String topic = APACHE.createTopic("ApacheAsync", 4);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sends.add(producer.sendAsync(Message.of(topic, bytes("async " + i))));
        }
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<SendResult> send : sends) {
            ids.add(send.get().messageId());
        }
        for (int i = 0; i < 5; i++) {
            producer.sendOneway(Message.of(topic, bytes("oneway " + i))).get();
        }
        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic, 35);
        Set<String> bodies = read.stream().map(ProducerApacheIT::text).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            expected.add("async " + i);
        }
        for (int i = 0; i < 5; i++) {
            expected.add("oneway " + i);
        }
        assertEquals(expected, bodies);
        assertEquals(35, read.size(), "each stored once");
        assertTrue(read.stream().map(MessageExt::getMsgId).collect(Collectors.toSet()).containsAll(ids));
    }

    @Test
    void aBatchIsStoredTogetherInOneQueueInItsOrder() throws Exception {
        String topic = APACHE.createTopic("ApacheBatch", 4);
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Message.of(topic, bytes("batch " + i)).keys("b" + i).property("n", String.valueOf(i)));
        }
        SendResult result = producer.sendBatch(batch);
        assertEquals(SendStatus.SEND_OK, result.status());
        String[] uniqueIds = result.messageId().split(",");
        assertEquals(5, uniqueIds.length);
        assertEquals(5, result.offsetMessageId().split(",").length, "Apache answers one offset id per message");

        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic, 5);
        assertEquals(5, read.size());
        read.sort(Comparator.comparingLong(MessageExt::getQueueOffset));
        for (int i = 0; i < 5; i++) {
            MessageExt message = read.get(i);
            assertEquals("batch " + i, text(message));
            assertEquals(result.queue().queueId(), message.getQueueId(), "one queue");
            assertEquals(result.queueOffset() + i, message.getQueueOffset(), "consecutive, from the answered offset");
            assertEquals(uniqueIds[i], message.getMsgId());
            assertEquals("b" + i, message.getKeys());
            assertEquals(String.valueOf(i), message.getUserProperty("n"));
        }
    }

    @Test
    void orderedSendsLandFifoPerQueue() throws Exception {
        String topic = APACHE.createTopic("ApacheOrdered", 4);
        int orders = 6;
        int steps = 8;
        Map<String, Integer> queueOfOrder = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            for (int order = 0; order < orders; order++) {
                String orderId = "order-" + order;
                SendResult result = producer.send(Message.of(topic, bytes(orderId + ":" + step)),
                        ShardingKeySelector.INSTANCE, orderId);
                Integer previous = queueOfOrder.putIfAbsent(orderId, result.queue().queueId());
                assertEquals(previous == null ? result.queue().queueId() : previous, result.queue().queueId(),
                        "one order, one queue");
            }
        }
        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic, orders * steps);
        assertEquals(orders * steps, read.size());
        Map<String, List<MessageExt>> byOrder = read.stream().collect(Collectors.groupingBy(
                m -> text(m).split(":")[0]));
        assertEquals(orders, byOrder.size());
        for (Map.Entry<String, List<MessageExt>> order : byOrder.entrySet()) {
            List<MessageExt> messages = order.getValue();
            messages.sort(Comparator.comparingLong(MessageExt::getQueueOffset));
            for (int step = 0; step < steps; step++) {
                assertEquals(queueOfOrder.get(order.getKey()), messages.get(step).getQueueId());
                assertTrue(text(messages.get(step)).endsWith(":" + step),
                        "steps of an order are stored in the order they were sent");
            }
        }
    }

    @Test
    void aCompressedBodyIsStoredCompressedAndInflatedByTheOfficialConsumer() throws Exception {
        String topic = APACHE.createTopic("ApacheCompressed", 1);
        byte[] large = bytes("compressible text, ".repeat(1000));
        producer.send(Message.of(topic, large).tags("big").property("kind", "zlib"));
        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic, 1);
        assertEquals(1, read.size());
        assertArrayEquals(large, read.get(0).getBody());
        assertTrue(read.get(0).getStoreSize() < large.length / 10, "stored compressed: " + read.get(0).getStoreSize());
        assertEquals("big", read.get(0).getTags());
        assertEquals("zlib", read.get(0).getUserProperty("kind"));
    }

    @Test
    void aMessageOverTheBrokersLimitIsRefusedWithItsCode() {
        String topic = APACHE.createTopic("ApacheTooLarge", 1);
        // Random bytes do not compress: the body reaches the broker at full size, over its stock 4 MiB limit.
        byte[] body = new byte[5 << 20];
        new Random(7).nextBytes(body);
        assertThrows(InvalidMessageException.class, () -> producer.send(Message.of(topic, body)),
                "our own limit (4 MiB, as the broker's) refuses it before sending");
        try (Producer lenient = Producer.builder().nameServers(APACHE.namesrvAddress()).group("apache-lenient")
                .maxBodySize(8 << 20).build()) {
            BrokerRefusedException refused = assertThrows(BrokerRefusedException.class,
                    () -> lenient.send(Message.of(topic, body)));
            assertEquals(ResponseCode.MESSAGE_ILLEGAL, refused.responseCode(), refused.getMessage());
            assertTrue(refused.getMessage().contains("MESSAGE_ILLEGAL"), refused.getMessage());
        }
    }

    @Test
    void aTopicNobodyCreatedHasNoRouteWhenAutoCreationIsOff() {
        NoRouteException missing = assertThrows(NoRouteException.class,
                () -> producer.send(Message.of("ApacheNeverCreated", bytes("lost"))));
        assertTrue(missing.getMessage().contains("ApacheNeverCreated"), missing.getMessage());
        assertTrue(assertThrows(java.util.concurrent.ExecutionException.class,
                () -> producer.sendAsync(Message.of("ApacheNeverCreated", bytes("lost"))).get())
                .getCause() instanceof NoRouteException);
    }

    @Test
    void transactionsCommitRollBackAndAnswerTheBrokersCheck() throws Exception {
        String topic = APACHE.createTopic("ApacheTx", 2);
        Function<String, Message> message = body -> Message.of(topic, bytes(body));
        TransactionSendResult committed = transactions.sendInTransaction(message.apply("commit"),
                (msg, half) -> TransactionState.COMMIT);
        TransactionSendResult rolledBack = transactions.sendInTransaction(message.apply("rollback"),
                (msg, half) -> TransactionState.ROLLBACK);
        TransactionSendResult checked = transactions.sendInTransaction(message.apply("checked"), (msg, half) -> {
            // Outcome not known yet; the checker finds it in the ledger when the broker asks.
            LEDGER.put(half.messageId(), TransactionState.COMMIT);
            return TransactionState.UNKNOWN;
        });
        TransactionSendResult checkedBack = transactions.sendInTransaction(message.apply("checked rollback"),
                (msg, half) -> {
                    LEDGER.put(half.messageId(), TransactionState.ROLLBACK);
                    return TransactionState.UNKNOWN;
                });
        assertEquals(TransactionState.COMMIT, committed.state());
        assertEquals(TransactionState.ROLLBACK, rolledBack.state());
        assertEquals(TransactionState.UNKNOWN, checked.state());
        assertEquals(TransactionState.UNKNOWN, checkedBack.state());

        // Apache asks once a half message is transactionTimeOut (6 s) old, at the next check (1 s here).
        Await.until("the broker's checks of both unknown transactions", Duration.ofSeconds(30),
                () -> CHECKED.containsAll(Set.of(checked.half().messageId(), checkedBack.half().messageId())));
        assertTrue(!CHECKED.contains(committed.half().messageId()) && !CHECKED.contains(rolledBack.half().messageId()),
                "decided transactions are never checked");
        // A check's answer may be committed more than once: Apache batches the op records that mark a half
        // message as decided (transactionOpBatchInterval, 3 s) and checks it again meanwhile, so the checked
        // transaction may arrive twice, as it would with the official producer. Everything else is exact.
        List<MessageExt> read = OfficialReader.read(APACHE.namesrvAddress(), topic,
                soFar -> bodies(soFar).containsAll(Set.of("commit", "checked")), Duration.ofSeconds(1));
        assertEquals(Set.of("commit", "checked"), bodies(read), "rolled back, directly or on check: never delivered");
        List<MessageExt> direct = read.stream().filter(m -> text(m).equals("commit")).toList();
        assertEquals(1, direct.size(), "a transaction committed by its producer is delivered once: " + direct);
        assertEquals(committed.half().messageId(), direct.get(0).getMsgId());
        read.stream().filter(m -> text(m).equals("checked"))
                .forEach(m -> assertEquals(checked.half().messageId(), m.getMsgId()));
    }

    private static Set<String> bodies(List<MessageExt> messages) {
        return messages.stream().map(ProducerApacheIT::text).collect(Collectors.toSet());
    }
}
