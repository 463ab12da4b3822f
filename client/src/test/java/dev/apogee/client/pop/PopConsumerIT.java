package dev.apogee.client.pop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BatchAck;
import dev.apogee.remoting.protocol.body.BatchAckRequestBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our pop consumer against an in-process Apogee cluster, fed by our producer. */
@Timeout(60)
class PopConsumerIT {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(3);

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;
    private static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config);
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("pop-it-producer").build();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PopConsumer consumer(String group) {
        return PopConsumer.builder().nameServers(cluster.namesrvAddress()).group(group).build();
    }

    private static Set<String> send(String topic, int count, String tag) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SendResult sent = producer.send(Message.of(topic, (tag + " " + i).getBytes(UTF_8)).tags(tag)
                    .property("n", String.valueOf(i)));
            ids.add(sent.messageId());
        }
        awaitRoute(topic);
        return ids;
    }

    /**
     * Waits until the name server routes {@code topic}: a topic the first send created reaches it with the
     * broker's next registration, and a consumer asking before that finds no route (seen in CI).
     */
    private static void awaitRoute(String topic) {
        dev.apogee.remoting.testing.Await.until("the route of " + topic, Duration.ofSeconds(20), () -> {
            try {
                return producer.runtime().routes().refresh(topic).join() != null;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Receives and acks until {@code expected} messages arrived or a receive comes back empty. */
    private static List<ReceivedMessage> drain(PopConsumer consumer, String topic, FilterExpression filter, int expected) {
        List<ReceivedMessage> all = new ArrayList<>();
        while (all.size() < expected) {
            List<ReceivedMessage> batch = consumer.receive(topic, filter, 8, LONG, POLL);
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(consumer::ack);
            all.addAll(batch);
        }
        return all;
    }

    @Test
    void twoConsumersOfAGroupShareTheMessagesAndEachIsReceivedExactlyOnce() throws Exception {
        Set<String> sent = send("PopShared", 40, "t");
        Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
        try (PopConsumer first = consumer("pop-shared"); PopConsumer second = consumer("pop-shared")) {
            AtomicInteger total = new AtomicInteger();
            List<CompletableFuture<Set<String>>> workers = new ArrayList<>();
            for (PopConsumer consumer : List.of(first, second)) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    Set<String> mine = new HashSet<>();
                    while (total.get() < sent.size()) {
                        // Small batches and no ack before the other consumer had its turn: both hold messages
                        // invisible at once, and none may reach both.
                        List<ReceivedMessage> batch = consumer.receive("PopShared", FilterExpression.ALL, 3, LONG,
                                Duration.ofMillis(500));
                        for (ReceivedMessage message : batch) {
                            receipts.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
                            mine.add(message.messageId());
                            total.incrementAndGet();
                        }
                        batch.forEach(consumer::ack);
                    }
                    return mine;
                }));
            }
            Set<String> a = workers.get(0).get();
            Set<String> b = workers.get(1).get();
            assertEquals(sent, receipts.keySet());
            assertTrue(receipts.values().stream().allMatch(count -> count.get() == 1), "each handed out once: " + receipts);
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            assertTrue(both.isEmpty(), "no message reached both consumers: " + both);
            assertEquals(sent.size(), a.size() + b.size());
            // Everything was acked: nothing comes back, even after the invisible time would have lapsed.
            assertTrue(first.receive("PopShared", FilterExpression.ALL, 32, Duration.ofMillis(200), Duration.ZERO).isEmpty());
        }
    }

    @Test
    void anUnackedMessageComesBackAfterItsInvisibleTimeAndAnAckRemovesItForGood() {
        String id = send("PopLapse", 1, "x").iterator().next();
        try (PopConsumer consumer = consumer("pop-lapse")) {
            List<ReceivedMessage> first = consumer.receive("PopLapse", FilterExpression.ALL, 4, Duration.ofSeconds(1), POLL);
            assertEquals(1, first.size());
            assertEquals(id, first.get(0).messageId());
            assertEquals(0, first.get(0).redeliveries());
            // Hidden while invisible ...
            assertTrue(consumer.receive("PopLapse", FilterExpression.ALL, 4, LONG, Duration.ZERO).isEmpty());
            // ... and back once the second is over (the long poll wakes when the hand-out lapses).
            List<ReceivedMessage> again = consumer.receive("PopLapse", FilterExpression.ALL, 4, Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
            assertEquals(1, again.size());
            assertEquals(id, again.get(0).messageId());
            assertEquals(1, again.get(0).redeliveries());
            BrokerRefusedException stale = assertThrows(BrokerRefusedException.class, () -> consumer.ack(first.get(0)));
            assertEquals(ResponseCode.NO_MESSAGE, stale.responseCode());
            consumer.ack(again.get(0));
            assertTrue(consumer.receive("PopLapse", FilterExpression.ALL, 4, LONG, Duration.ofMillis(1500)).isEmpty(),
                    "an acked message never comes back");
        }
    }

    @Test
    void ackAllSettlesMessagesOfSeveralPopsAndQueuesAndAStaleReceiptInItSettlesNothing() {
        Set<String> sent = send("PopBatchAck", 20, "b");
        try (PopConsumer consumer = consumer("pop-batch-ack")) {
            List<ReceivedMessage> received = new ArrayList<>();
            while (received.size() < sent.size()) {
                List<ReceivedMessage> batch = consumer.receive("PopBatchAck", FilterExpression.ALL, 6, LONG, POLL);
                assertFalse(batch.isEmpty(), "received " + received.size() + " of " + sent.size());
                received.addAll(batch);
            }
            assertEquals(sent, ids(received));
            assertTrue(received.stream().map(m -> m.receipt().queueId()).distinct().count() > 1, "several queues");
            assertTrue(received.stream().map(m -> m.receipt().popTime() + "@" + m.receipt().checkpointOffset())
                    .distinct().count() > 1, "several pops");

            ReceivedMessage kept = received.get(received.size() - 1);
            consumer.ackAll(received.subList(0, received.size() - 1));
            consumer.changeInvisibleTime(kept, Duration.ZERO);
            List<ReceivedMessage> back = consumer.receive("PopBatchAck", FilterExpression.ALL, 32, LONG, POLL);
            assertEquals(Set.of(kept.messageId()), ids(back), "only the message left out comes back");

            // The first receipt of the message is spent: in a batch it settles nothing and is not an error.
            consumer.ackAll(List.of(kept));
            ReceivedMessage renewed = consumer.changeInvisibleTime(back.get(0), LONG);
            consumer.ackAll(List.of(renewed));
            assertTrue(consumer.receive("PopBatchAck", FilterExpression.ALL, 32, LONG, Duration.ofMillis(1500)).isEmpty(),
                    "every message acknowledged");
        }
    }

    @Test
    void aBadBatchAckIsRefusedWithItsReason() {
        String broker = cluster.brokerAddress(0);
        RemotingCommand malformed = batchAck(broker, "{\"acks\":[".getBytes(UTF_8));
        assertEquals(ResponseCode.NO_MESSAGE, malformed.code());
        assertTrue(malformed.remark().contains("BatchAckRequestBody"), malformed.remark());

        BitSet one = new BitSet();
        one.set(0);
        RemotingCommand badMark = batchAck(broker, RemotingJson.encode(new BatchAckRequestBody("b",
                List.of(BatchAck.of("g", "T", "x", 0, 0, 0, 0, 0, one)))));
        assertEquals(ResponseCode.INVALID_PARAMETER, badMark.code());
        assertTrue(badMark.remark().contains("retry mark 'x'"), badMark.remark());

        BitSet tooMany = new BitSet();
        tooMany.set(0, 8_193);
        RemotingCommand oversized = batchAck(broker, RemotingJson.encode(new BatchAckRequestBody("b",
                List.of(BatchAck.of("g", "T", "0", 0, 0, 0, 0, 0, tooMany)))));
        assertEquals(ResponseCode.INVALID_PARAMETER, oversized.code());
        assertTrue(oversized.remark().contains("8193") || oversized.remark().contains("8,193"), oversized.remark());
    }

    private static RemotingCommand batchAck(String broker, byte[] body) {
        return producer.runtime().rpc().invoke(broker, RemotingCommand.request(RequestCode.BATCH_ACK_MESSAGE, null, body),
                5_000).join();
    }

    @Test
    void changingTheInvisibleTimeKeepsTheMessageHiddenAndRenewsItsReceipt() {
        send("PopExtend", 1, "x");
        try (PopConsumer consumer = consumer("pop-extend"); PopConsumer other = consumer("pop-extend")) {
            ReceivedMessage message = consumer.receive("PopExtend", FilterExpression.ALL, 1, Duration.ofSeconds(1), POLL)
                    .get(0);
            ReceivedMessage extended = consumer.changeInvisibleTime(message, Duration.ofSeconds(20));
            assertTrue(extended.receipt().popTime() > message.receipt().popTime());
            assertTrue(extended.invisibleUntil().isAfter(message.invisibleUntil().plusSeconds(15)));
            assertTrue(other.receive("PopExtend", FilterExpression.ALL, 1, LONG, Duration.ofMillis(2500)).isEmpty(),
                    "still hidden well after the first invisible time");
            assertThrows(BrokerRefusedException.class, () -> consumer.ack(message), "the old receipt is spent");
            consumer.ack(extended);
        }
    }

    @Test
    void aFilteredReceiveLeavesTheMessagesItDoesNotSelect() {
        Set<String> created = send("PopFiltered", 3, "created");
        Set<String> paid = send("PopFiltered", 3, "paid");
        try (PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("pop-filtered")
                .keepUnmatched(true).build()) {
            List<ReceivedMessage> tagged = drain(consumer, "PopFiltered", FilterExpression.tag("created"), 3);
            assertEquals(created, ids(tagged));
            assertTrue(tagged.stream().allMatch(m -> "created".equals(m.message().tags())));
            List<ReceivedMessage> selected = drain(consumer, "PopFiltered", FilterExpression.sql("n >= 1"), 2);
            assertEquals(2, selected.size());
            assertTrue(selected.stream().allMatch(m -> "paid".equals(m.message().tags())
                    && !m.message().property("n").equals("0")));
            List<ReceivedMessage> rest = drain(consumer, "PopFiltered", FilterExpression.ALL, 1);
            assertEquals(1, rest.size());
            assertEquals("0", rest.get(0).message().property("n"));
            Set<String> all = new HashSet<>(ids(selected));
            all.addAll(ids(rest));
            assertEquals(paid, all);
        }
    }

    @Test
    void redeliveriesInTheGroupsPopRetryTopicAreReceivedAndAckedThere() throws Exception {
        String retryTopic = PopReceipt.retryTopic("pop-retry", "PopRetried");
        Set<String> original = send("PopRetried", 1, "new");
        Set<String> retried = send(retryTopic, 1, "again");
        awaitRoute(retryTopic);
        try (PopConsumer consumer = consumer("pop-retry")) {
            List<ReceivedMessage> received = drain(consumer, "PopRetried", FilterExpression.ALL, 2);
            assertEquals(2, received.size());
            Set<String> expected = new HashSet<>(original);
            expected.addAll(retried);
            assertEquals(expected, ids(received));
            ReceivedMessage redelivery = received.stream().filter(ReceivedMessage::fromRetryTopic).findFirst().orElseThrow();
            assertEquals("PopRetried", redelivery.topic(), "shown under the topic asked for");
            assertEquals(retried, Set.of(redelivery.messageId()));
            // drain acked both: an ack naming the wrong topic is refused (NO_MESSAGE), and would have thrown.
            assertTrue(consumer.receive("PopRetried", FilterExpression.ALL, 4, LONG, Duration.ZERO).isEmpty());
        }
    }

    private static Set<String> ids(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet());
    }
}
