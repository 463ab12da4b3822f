package dev.apogee.client.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.producer.Producer;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lite pull consumers against an in-process Apogee cluster, fed by our producer. */
@Timeout(90)
class PullConsumerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    static Path dataDir;

    private static ApogeeCluster cluster;
    private static ClientRuntime admin;
    private static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config);
        admin = ClientRuntime.builder().nameServers(cluster.namesrvAddress()).build();
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("lite-it-producer").build();
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

    private static PullConsumer.Builder fast(String group) {
        return PullConsumer.builder().nameServers(cluster.namesrvAddress()).group(group)
                .startFrom(StartPosition.FIRST).rebalanceInterval(Duration.ofSeconds(1))
                .pullBackoff(Duration.ofMillis(300));
    }

    private static List<String> send(String topic, String prefix, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            producer.send(Message.of(topic, (prefix + i).getBytes(UTF_8)));
            bodies.add(prefix + i);
        }
        return bodies;
    }

    private static String text(MessageView message) {
        return new String(message.body(), UTF_8);
    }

    /** Polls until {@code expected} messages came (or fails after the wait). */
    private static List<MessageView> pollUntil(PullConsumer consumer, int expected) {
        List<MessageView> got = new ArrayList<>();
        Await.until(expected + " messages", WAIT, () -> {
            got.addAll(consumer.poll(POLL));
            return got.size() >= expected;
        });
        return got;
    }

    @Test
    void assignedQueuesArePolledSoughtPausedAndCommitted() {
        String topic = "LiteAssign";
        ConsumerFixture.createTopic(cluster, admin, topic, 2);
        List<String> sent = send(topic, "a", 20);
        try (PullConsumer consumer = fast("lite-assign").autoCommit(false, Duration.ofSeconds(5)).build()) {
            List<MessageQueue> queues = consumer.queues(topic).stream().sorted().toList();
            consumer.assign(queues);
            assertThrows(IllegalStateException.class, () -> consumer.subscribe(topic, "*"));
            List<MessageView> first = pollUntil(consumer, 20);
            assertEquals(Set.copyOf(sent), first.stream().map(PullConsumerIT::text).collect(Collectors.toSet()));
            assertEquals(20, first.size());

            consumer.commit();
            MessageQueue q0 = queues.get(0);
            MessageQueue q1 = queues.get(1);
            long inQ0 = first.stream().filter(m -> m.queueId() == q0.queueId()).count();
            assertEquals(inQ0, consumer.committed(q0));
            assertEquals(20 - inQ0, consumer.committed(q1));

            consumer.seek(q0, 0);
            List<MessageView> again = pollUntil(consumer, (int) inQ0);
            assertTrue(again.stream().allMatch(m -> m.queueId() == q0.queueId()), "only the sought queue again");
            List<Long> offsets = again.stream().map(MessageView::queueOffset).toList();
            assertEquals(LongRange.of(0, inQ0), offsets, "from offset 0 on, in order");

            consumer.seekToEnd(q1);
            consumer.pause(List.of(q0));
            List<String> later = send(topic, "b", 10);
            // Our producer sends round robin: half of the new messages went to each queue.
            int fromQ1 = 5;
            List<MessageView> whilePaused = pollUntil(consumer, fromQ1);
            assertTrue(whilePaused.stream().allMatch(m -> m.queueId() == q1.queueId()), "a paused queue is not polled");
            assertTrue(consumer.poll(POLL).isEmpty());
            consumer.resume(List.of(q0));
            List<MessageView> resumed = pollUntil(consumer, 5);
            assertTrue(resumed.stream().allMatch(m -> m.queueId() == q0.queueId()));
            Set<String> laterSeen = new HashSet<>();
            whilePaused.forEach(m -> laterSeen.add(text(m)));
            resumed.forEach(m -> laterSeen.add(text(m)));
            assertEquals(Set.copyOf(later), laterSeen);

            consumer.seekToBegin(q1);
            assertEquals(20 - inQ0 + 5, pollUntil(consumer, (int) (20 - inQ0 + 5)).size());
        }
    }

    /** Offsets {@code from} (inclusive) to {@code to} (exclusive). */
    private static final class LongRange {
        static List<Long> of(long from, long to) {
            return java.util.stream.LongStream.range(from, to).boxed().toList();
        }
    }

    @Test
    void subscribingMembersShareTheQueues() {
        String topic = "LiteShared";
        ConsumerFixture.createTopic(cluster, admin, topic, 4);
        try (PullConsumer one = fast("lite-shared").build(); PullConsumer two = fast("lite-shared").build()) {
            one.subscribe(topic, "*");
            two.subscribe(topic, "*");
            Await.until("two members with two queues each", WAIT, () -> one.assignment().size() == 2
                    && two.assignment().size() == 2);
            Set<MessageQueue> union = new HashSet<>(one.assignment());
            union.addAll(two.assignment());
            assertEquals(4, union.size());
            List<String> sent = send(topic, "s", 40);
            Set<String> fromOne = new HashSet<>();
            Set<String> fromTwo = new HashSet<>();
            Await.until("all 40 between them", WAIT, () -> {
                one.poll(Duration.ofMillis(50)).forEach(m -> fromOne.add(text(m)));
                two.poll(Duration.ofMillis(50)).forEach(m -> fromTwo.add(text(m)));
                return fromOne.size() + fromTwo.size() >= 40;
            });
            Set<String> all = new HashSet<>(fromOne);
            all.addAll(fromTwo);
            assertEquals(Set.copyOf(sent), all);
            assertEquals(40, fromOne.size() + fromTwo.size(), "no message went to both");
            assertFalse(fromOne.isEmpty() || fromTwo.isEmpty());
        }
    }

    @Test
    void autoCommitStoresWhatWasPolledSoARestartResumes() {
        String topic = "LiteAuto";
        ConsumerFixture.createTopic(cluster, admin, topic, 2);
        List<String> sent = send(topic, "c", 10);
        List<MessageQueue> queues;
        try (PullConsumer consumer = fast("lite-auto").autoCommit(true, Duration.ofMillis(100)).build()) {
            queues = consumer.queues(topic);
            consumer.assign(queues);
            assertEquals(Set.copyOf(sent), pollUntil(consumer, 10).stream().map(PullConsumerIT::text)
                    .collect(Collectors.toSet()));
            Await.until("the polled positions committed", WAIT, () -> {
                consumer.poll(Duration.ofMillis(50));
                return queues.stream().mapToLong(consumer::committed).sum() == 10;
            });
        }
        try (PullConsumer restarted = fast("lite-auto").autoCommit(true, Duration.ofMillis(100)).build()) {
            restarted.assign(queues);
            List<String> more = send(topic, "d", 4);
            List<MessageView> got = pollUntil(restarted, 4);
            assertEquals(Set.copyOf(more), got.stream().map(PullConsumerIT::text).collect(Collectors.toSet()));
            assertEquals(4, got.size(), "nothing polled before was delivered again");
        }
    }
}
