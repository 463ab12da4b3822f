package dev.apogee.client.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.consumer.ConsumerFixture.Receipts;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.ShardingKeySelector;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Push consumers against an in-process Apogee cluster, fed by our producer. */
@Timeout(90)
class PushConsumerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static ApogeeCluster cluster;
    private static ClientRuntime admin;
    private static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir.resolve("cluster"), config -> config);
        admin = ClientRuntime.builder().nameServers(cluster.namesrvAddress()).build();
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("push-it-producer").build();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A builder with the short intervals these tests need. */
    private static PushConsumerBuilder fast(String group) {
        return PushConsumer.builder().nameServers(cluster.namesrvAddress()).group(group)
                .rebalanceInterval(Duration.ofSeconds(1)).commitInterval(Duration.ofMillis(200))
                .pullBackoff(Duration.ofMillis(300)).closeTimeout(Duration.ofSeconds(2));
    }

    /** Waits for {@code count} distinct receipts; a failure lists what did arrive. */
    static void awaitDistinct(String what, Receipts receipts, int count) {
        try {
            Await.until(what, WAIT, () -> receipts.distinct() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; received " + receipts.keys(), e);
        }
        assertEquals(count, receipts.distinct(), what + ": " + receipts.keys());
    }

    private static String text(MessageView message) {
        return new String(message.body(), UTF_8);
    }

    private static void send(String topic, String body, String tags, Map<String, String> properties) {
        Message message = Message.of(topic, body.getBytes(UTF_8)).tags(tags);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            message = message.property(property.getKey(), property.getValue());
        }
        producer.send(message);
    }

    @Test
    void concurrentConsumersReceiveEverythingTheirFiltersSelect() {
        ConsumerFixture.createTopic(cluster, admin, "PushFilters", 4);
        Receipts all = new Receipts();
        Receipts tagged = new Receipts();
        Receipts sql = new Receipts();
        try (PushConsumer everything = fast("filters-all").subscribe("PushFilters", "*").startFrom(StartPosition.FIRST)
                .listener(m -> {
                    all.add(text(m));
                    return ConsumeResult.SUCCESS;
                }).build();
             PushConsumer byTag = fast("filters-tags").subscribe("PushFilters", "a || b")
                     .startFrom(StartPosition.FIRST).listener(m -> {
                         assertTrue(Set.of("a", "b").contains(m.tags()), "tag filter passed " + m);
                         tagged.add(text(m));
                         return ConsumeResult.SUCCESS;
                     }).build();
             PushConsumer bySql = fast("filters-sql").subscribeSql("PushFilters", "n > 5 AND n < 25")
                     .startFrom(StartPosition.FIRST).listener(m -> {
                         sql.add(text(m));
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            for (int i = 0; i < 30; i++) {
                send("PushFilters", "m" + i, List.of("a", "b", "c").get(i % 3), Map.of("n", Integer.toString(i)));
            }
            Await.until("everything", WAIT, () -> all.distinct() == 30);
            awaitDistinct("tags a and b", tagged, 20);
            awaitDistinct("n in (5, 25)", sql, 19);
            assertEquals(IntStream.range(0, 30).filter(i -> i % 3 != 2).mapToObj(i -> "m" + i)
                    .collect(Collectors.toSet()), tagged.keys());
            assertEquals(IntStream.range(6, 25).mapToObj(i -> "m" + i).collect(Collectors.toSet()), sql.keys());
            assertEquals(0, all.duplicates());
        }
    }

    @Test
    void badInputFailsAtBuildTime() {
        assertThrows(IllegalArgumentException.class, () -> fast("bad").subscribeSql("T", "a >> 5"));
        assertThrows(IllegalArgumentException.class, () -> fast("bad").subscribe("bad topic", "*"));
        assertThrows(IllegalArgumentException.class, () -> PushConsumer.builder().group("bad group"));
        assertThrows(IllegalArgumentException.class, () -> fast("bad").subscribe("T", "*").build());
        assertThrows(IllegalArgumentException.class, () -> fast("bad").listener(m -> ConsumeResult.SUCCESS).build());
    }

    @Test
    void threeMembersShareEightQueuesAndTakeOverFromOnesThatLeaveOrDie() throws Exception {
        String topic = "PushShared";
        ConsumerFixture.createTopic(cluster, admin, topic, 8);
        Receipts receipts = new Receipts();
        List<ClientRuntime> runtimes = new ArrayList<>();
        List<PushConsumer> members = new ArrayList<>();
        Set<Integer> dead = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 3; i++) {
                int member = i;
                ClientRuntime runtime = ClientRuntime.builder().nameServers(cluster.namesrvAddress()).build();
                runtimes.add(runtime);
                members.add(PushConsumer.builder().runtime(runtime).group("shared").subscribe(topic, "*")
                        .startFrom(StartPosition.FIRST).rebalanceInterval(Duration.ofSeconds(1))
                        .commitInterval(Duration.ofMillis(200)).pullBackoff(Duration.ofMillis(300))
                        .closeTimeout(Duration.ofSeconds(2)).listener(m -> {
                            if (dead.contains(member)) {
                                // A crashed process consumes nothing more.
                                return ConsumeResult.RECONSUME_LATER;
                            }
                            receipts.add(text(m));
                            return ConsumeResult.SUCCESS;
                        }).build());
            }
            // Rebalancing members pass through uneven states; wait for the final 3 + 3 + 2.
            Await.until("3 members splitting 8 queues 3/3/2", WAIT, () -> split(members, topic, 3)
                    && members.stream().map(m -> owned(m, topic).size()).sorted().toList().equals(List.of(2, 3, 3)));

            List<String> first = IntStream.range(0, 200).mapToObj(i -> "first-" + i).toList();
            first.forEach(body -> send(topic, body, null, Map.of()));
            Await.until("the first 200", WAIT, () -> receipts.containsAll(first));
            assertEquals(0, receipts.duplicates(), "no duplicates while membership is stable");

            // Members leave while messages keep coming: one closes, one dies without a word.
            List<String> second = IntStream.range(0, 300).mapToObj(i -> "second-" + i).toList();
            for (int i = 0; i < second.size(); i++) {
                send(topic, second.get(i), null, Map.of());
                if (i == 100) {
                    members.get(2).close();
                }
                if (i == 200) {
                    dead.add(1);
                    ClientRuntime crashed = runtimes.get(1);
                    crashed.rpc().close();
                    crashed.rpc().disconnect(cluster.broker().address());
                }
            }
            Await.until("every message despite the departures", WAIT, () -> receipts.containsAll(second));
            Await.until("the survivor owning all 8 queues", WAIT, () -> owned(members.get(0), topic).size() == 8);
            for (String body : first) {
                assertEquals(1, receipts.count(body), "delivered once before the membership changed: " + body);
            }
        } finally {
            members.forEach(PushConsumer::close);
            runtimes.forEach(ClientRuntime::close);
        }
    }

    private static Set<MessageQueue> owned(PushConsumer consumer, String topic) {
        return consumer.assignedQueues().stream().filter(q -> q.topic().equals(topic)).collect(Collectors.toSet());
    }

    private static boolean split(List<PushConsumer> members, String topic, int count) {
        Set<MessageQueue> union = new HashSet<>();
        int total = 0;
        for (PushConsumer member : members.subList(0, count)) {
            Set<MessageQueue> mine = owned(member, topic);
            total += mine.size();
            union.addAll(mine);
        }
        return union.size() == 8 && total == 8;
    }

    @Test
    void broadcastingMembersEachGetEverythingAndResumeFromTheirOffsetFile() throws Exception {
        String topic = "PushBroadcast";
        ConsumerFixture.createTopic(cluster, admin, topic, 4);
        Receipts one = new Receipts();
        Receipts two = new Receipts();
        Path dirOne = dataDir.resolve("offsets-1");
        PushConsumerBuilder firstMember = fast("broadcast").subscribe(topic, "*")
                .messageModel(MessageModel.BROADCASTING).startFrom(StartPosition.FIRST).offsetDirectory(dirOne)
                .listener(m -> {
                    one.add(text(m));
                    return ConsumeResult.SUCCESS;
                });
        try (PushConsumer second = fast("broadcast").subscribe(topic, "*").messageModel(MessageModel.BROADCASTING)
                .startFrom(StartPosition.FIRST).offsetDirectory(dataDir.resolve("offsets-2")).listener(m -> {
                    two.add(text(m));
                    return ConsumeResult.SUCCESS;
                }).build()) {
            try (PushConsumer first = firstMember.build()) {
                for (int i = 0; i < 20; i++) {
                    send(topic, "b" + i, null, Map.of());
                }
                Await.until("20 each", WAIT, () -> one.distinct() == 20 && two.distinct() == 20);
            }
            assertTrue(java.nio.file.Files.exists(dirOne.resolve("broadcast.offsets")));
            for (int i = 20; i < 30; i++) {
                send(topic, "b" + i, null, Map.of());
            }
            Receipts afterRestart = new Receipts();
            try (PushConsumer restarted = fast("broadcast").subscribe(topic, "*")
                    .messageModel(MessageModel.BROADCASTING).startFrom(StartPosition.FIRST).offsetDirectory(dirOne)
                    .listener(m -> {
                        afterRestart.add(text(m));
                        return ConsumeResult.SUCCESS;
                    }).build()) {
                Await.until("the 10 sent while it was away", WAIT, () -> afterRestart.distinct() == 10);
                Await.until("30 for the other", WAIT, () -> two.distinct() == 30);
                assertEquals(IntStream.range(20, 30).mapToObj(i -> "b" + i).collect(Collectors.toSet()),
                        afterRestart.keys());
            }
        }
    }

    @Test
    void orderlyConsumersKeepEachKeyInOrderWhileASecondJoins() {
        String topic = "PushOrderly";
        ConsumerFixture.createTopic(cluster, admin, topic, 4);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Receipts receipts = new Receipts();
        OrderlyListener listener = m -> {
            String[] parts = text(m).split(":");
            seen.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
            receipts.add(text(m));
            return OrderlyResult.SUCCESS;
        };
        int keys = 8;
        int perKey = 30;
        try (PushConsumer first = fast("orderly").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .orderlyListener(listener).build()) {
            PushConsumer second = null;
            try {
                for (int seq = 0; seq < perKey; seq++) {
                    for (int k = 0; k < keys; k++) {
                        producer.send(Message.of(topic, ("key" + k + ":" + seq).getBytes(UTF_8)),
                                ShardingKeySelector.INSTANCE, "key" + k);
                    }
                    if (seq == perKey / 2) {
                        second = fast("orderly").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                                .orderlyListener(listener).build();
                    }
                }
                PushConsumer joined = second;
                Await.until("every ordered message", WAIT, () -> receipts.distinct() == keys * perKey);
                Await.until("the second member holding queues", WAIT, () -> !owned(joined, topic).isEmpty());
            } finally {
                if (second != null) {
                    second.close();
                }
            }
        }
        List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
        for (int k = 0; k < keys; k++) {
            assertEquals(expected, seen.get("key" + k), "order of key" + k);
        }
    }

    @Test
    void failedMessagesComeBackWithReconsumeTimesAndEndInTheDeadLetterTopic() {
        String topic = "PushRetry";
        ConsumerFixture.createTopic(cluster, admin, topic, 2);
        Map<String, List<Integer>> deliveries = new ConcurrentHashMap<>();
        try (PushConsumer consumer = fast("retrying").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .retryDelayLevel(times -> 1).listener(m -> {
                    List<Integer> mine = deliveries.computeIfAbsent(text(m), k -> new CopyOnWriteArrayList<>());
                    mine.add(m.reconsumeTimes());
                    assertEquals(topic, m.topic(), "a redelivery shows its original topic");
                    if (mine.size() <= 2) {
                        throw new IllegalStateException("failing delivery " + mine.size());
                    }
                    return ConsumeResult.SUCCESS;
                }).build()) {
            for (int i = 0; i < 3; i++) {
                send(topic, "r" + i, null, Map.of());
            }
            Await.until("third deliveries", WAIT, () -> deliveries.size() == 3
                    && deliveries.values().stream().allMatch(list -> list.size() >= 3));
            deliveries.values().forEach(list -> assertEquals(List.of(0, 1, 2), list.subList(0, 3)));
        }

        String dlq = "%DLQ%giving-up";
        try (PushConsumer consumer = fast("giving-up").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .retryDelayLevel(times -> 1).maxReconsumeTimes(1).listener(m -> ConsumeResult.RECONSUME_LATER)
                .build()) {
            Await.until("3 messages in " + dlq, WAIT, () -> cluster.broker().store().maxOffset(dlq, 0) == 3);
        }
    }

    @Test
    void committedOffsetsSurviveARestartAndNewGroupsStartWhereTold() throws Exception {
        String topic = "PushOffsets";
        ConsumerFixture.createTopic(cluster, admin, topic, 4);
        for (int i = 0; i < 40; i++) {
            send(topic, "o" + i, null, Map.of());
        }
        Receipts before = new Receipts();
        try (PushConsumer consumer = fast("offsets").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .listener(m -> {
                    before.add(text(m));
                    return ConsumeResult.SUCCESS;
                }).build()) {
            Await.until("the first 40", WAIT, () -> before.distinct() == 40);
        }
        ConsumerRequests requests = new ConsumerRequests(admin.rpc(), admin.routes(), 3_000);
        long committed = 0;
        for (MessageQueue queue : Rpc.await(admin.routes().route(topic)).readableQueues()) {
            committed += Rpc.await(requests.committedOffset("offsets", queue));
        }
        assertEquals(40, committed, "the offsets committed on close cover every message");

        for (int i = 40; i < 50; i++) {
            send(topic, "o" + i, null, Map.of());
        }
        Receipts after = new Receipts();
        try (PushConsumer consumer = fast("offsets").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .listener(m -> {
                    after.add(text(m));
                    return ConsumeResult.SUCCESS;
                }).build()) {
            try {
                Await.until("the 10 new ones", WAIT, () -> after.distinct() == 10);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; got " + after.keys() + ", reading "
                        + consumer.assignedQueues(), e);
            }
            assertEquals(IntStream.range(40, 50).mapToObj(i -> "o" + i).collect(Collectors.toSet()), after.keys());
        }
    }

    @Test
    void startPositionsApplyToQueuesWithoutAnOffset() throws Exception {
        String topic = "PushStart";
        ConsumerFixture.createTopic(cluster, admin, topic, 2);
        for (int i = 0; i < 10; i++) {
            send(topic, "old" + i, null, Map.of());
        }
        Thread.sleep(20); // store timestamps have millisecond resolution: separate the two batches
        Instant between = Instant.now();
        Thread.sleep(20);
        for (int i = 0; i < 10; i++) {
            send(topic, "new" + i, null, Map.of());
        }
        Receipts first = new Receipts();
        Receipts fromTime = new Receipts();
        Receipts last = new Receipts();
        // Broadcasting members have no stored offsets, so the start position decides for every queue.
        try (PushConsumer fromFirst = fast("start-first").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .listener(m -> {
                    first.add(text(m));
                    return ConsumeResult.SUCCESS;
                }).build();
             PushConsumer fromTimestamp = fast("start-time").subscribe(topic, "*")
                     .messageModel(MessageModel.BROADCASTING).offsetDirectory(dataDir.resolve("start-time"))
                     .startFrom(StartPosition.timestamp(between)).listener(m -> {
                         fromTime.add(text(m));
                         return ConsumeResult.SUCCESS;
                     }).build();
             PushConsumer fromLast = fast("start-last").subscribe(topic, "*")
                     .messageModel(MessageModel.BROADCASTING).offsetDirectory(dataDir.resolve("start-last"))
                     .startFrom(StartPosition.LAST).listener(m -> {
                         last.add(text(m));
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            Await.until("all 20 from the first offset", WAIT, () -> first.distinct() == 20);
            Await.until("the 10 after the timestamp", WAIT, () -> fromTime.distinct() == 10);
            Await.until("the LAST member reading", WAIT, () -> fromLast.assignedQueues().size() == 2);
            send(topic, "latest", null, Map.of());
            Await.until("the message sent after it started", WAIT, () -> last.distinct() == 1);
            Await.until("the latest for the others", WAIT, () -> first.distinct() == 21 && fromTime.distinct() == 11);
            assertEquals(Set.of("latest"), last.keys());
            assertFalse(fromTime.keys().stream().anyMatch(k -> k.startsWith("old")), fromTime.keys().toString());
        }
    }
}
