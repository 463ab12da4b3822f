package dev.apogee.client.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core of {@link PullConsumerIT}: lite pull consumers against the real Apache RocketMQ 5.5.0 broker. */
@Timeout(120)
class PullConsumerApacheIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.defaults();

    private static Producer producer;

    @BeforeAll
    static void start() {
        producer = APACHE.closing(Producer.builder().nameServers(APACHE.namesrvAddress()).group("apache-lite-producer")
                .build());
    }

    private static PullConsumer.Builder fast(String group) {
        return PullConsumer.builder().nameServers(APACHE.namesrvAddress()).group(group)
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

    private static Set<String> texts(List<MessageView> messages) {
        return messages.stream().map(PullConsumerApacheIT::text).collect(Collectors.toSet());
    }

    /** Polls until {@code expected} messages came (or fails after the wait). */
    private static List<MessageView> pollUntil(PullConsumer consumer, int expected) {
        List<MessageView> got = new ArrayList<>();
        try {
            Await.until(expected + " messages", WAIT, () -> {
                got.addAll(consumer.poll(POLL));
                return got.size() >= expected;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; got " + texts(got), e);
        }
        return got;
    }

    @Test
    void assignedQueuesArePolledSoughtPausedAndCommitted() {
        String topic = APACHE.createTopic("ApacheLiteAssign", 2);
        List<String> sent = send(topic, "a", 20);
        try (PullConsumer consumer = fast("apache-lite-assign").autoCommit(false, Duration.ofSeconds(5)).build()) {
            List<MessageQueue> queues = consumer.queues(topic).stream().sorted().toList();
            assertEquals(2, queues.size());
            consumer.assign(queues);
            assertThrows(IllegalStateException.class, () -> consumer.subscribe(topic, "*"));
            List<MessageView> first = pollUntil(consumer, 20);
            assertEquals(Set.copyOf(sent), texts(first));
            assertEquals(20, first.size());

            consumer.commit();
            MessageQueue q0 = queues.get(0);
            MessageQueue q1 = queues.get(1);
            long inQ0 = first.stream().filter(m -> m.queueId() == q0.queueId()).count();
            assertEquals(inQ0, consumer.committed(q0), "committed on the Apache broker");
            assertEquals(20 - inQ0, consumer.committed(q1));

            consumer.seek(q0, 0);
            List<MessageView> again = pollUntil(consumer, (int) inQ0);
            assertTrue(again.stream().allMatch(m -> m.queueId() == q0.queueId()), "only the sought queue again");
            assertEquals(LongStream.range(0, inQ0).boxed().toList(), again.stream().map(MessageView::queueOffset).toList(),
                    "from offset 0 on, in order");

            consumer.seekToEnd(q1);
            consumer.pause(List.of(q0));
            List<String> later = send(topic, "b", 10);
            // Our producer sends round robin: half of the new messages went to each queue.
            List<MessageView> whilePaused = pollUntil(consumer, 5);
            assertTrue(whilePaused.stream().allMatch(m -> m.queueId() == q1.queueId()), "a paused queue is not polled");
            assertTrue(consumer.poll(POLL).isEmpty());
            consumer.resume(List.of(q0));
            List<MessageView> resumed = pollUntil(consumer, 5);
            assertTrue(resumed.stream().allMatch(m -> m.queueId() == q0.queueId()));
            Set<String> laterSeen = new HashSet<>(texts(whilePaused));
            laterSeen.addAll(texts(resumed));
            assertEquals(Set.copyOf(later), laterSeen);

            consumer.seekToBegin(q1);
            assertEquals(20 - inQ0 + 5, pollUntil(consumer, (int) (20 - inQ0 + 5)).size());
        }
    }

    @Test
    void subscribingMembersShareTheQueues() {
        String topic = APACHE.createTopic("ApacheLiteShared", 4);
        try (PullConsumer one = fast("apache-lite-shared").build(); PullConsumer two = fast("apache-lite-shared").build()) {
            one.subscribe(topic, "*");
            two.subscribe(topic, "*");
            // The members find each other through the Apache broker's GET_CONSUMER_LIST_BY_GROUP.
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
        String topic = APACHE.createTopic("ApacheLiteAuto", 2);
        List<String> sent = send(topic, "c", 10);
        List<MessageQueue> queues;
        try (PullConsumer consumer = fast("apache-lite-auto").autoCommit(true, Duration.ofMillis(100)).build()) {
            queues = consumer.queues(topic);
            consumer.assign(queues);
            assertEquals(Set.copyOf(sent), texts(pollUntil(consumer, 10)));
            Await.until("the polled positions committed", WAIT, () -> {
                consumer.poll(Duration.ofMillis(50));
                return queues.stream().mapToLong(consumer::committed).sum() == 10;
            });
        }
        try (PullConsumer restarted = fast("apache-lite-auto").autoCommit(true, Duration.ofMillis(100)).build()) {
            restarted.assign(queues);
            List<String> more = send(topic, "d", 4);
            List<MessageView> got = pollUntil(restarted, 4);
            assertEquals(Set.copyOf(more), texts(got));
            assertEquals(4, got.size(), "nothing polled before was delivered again");
        }
    }
}
