package dev.apogee.client.pop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.anchors.ApacheRocketMq;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.testing.ApacheBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core of {@link PopConsumerIT} against the real Apache RocketMQ 5.5.0 broker, fed by our producer.
 * Where Apache behaves otherwise than Apogee by design (unacked messages come back through the group's
 * pop retry topic; a filter's rejects count as consumed), the test asserts Apache's behaviour.
 */
@Timeout(120)
class PopConsumerApacheIT {

    private static final Logger LOG = LogManager.getLogger(PopConsumerApacheIT.class);
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(3);

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.with(ApacheRocketMq.Options.defaults()
            .withSegmentBytes(16L << 20)
            .withPropertyFilter(true));

    private static Producer producer;

    @BeforeAll
    static void start() {
        producer = APACHE.closing(Producer.builder().nameServers(APACHE.namesrvAddress()).group("apache-pop-producer")
                .build());
    }

    private static PopConsumer consumer(String group) {
        return PopConsumer.builder().nameServers(APACHE.namesrvAddress()).group(group).build();
    }

    private static Set<String> send(String topic, int count, String tag) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SendResult sent = producer.send(Message.of(topic, (tag + " " + i).getBytes(UTF_8)).tags(tag)
                    .property("n", String.valueOf(i)));
            ids.add(sent.messageId());
        }
        return ids;
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

    private static Set<String> ids(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet());
    }

    @Test
    void twoConsumersOfAGroupShareTheMessagesAndEachIsReceivedExactlyOnce() throws Exception {
        String topic = APACHE.createTopic("ApachePopShared", 4);
        Set<String> sent = send(topic, 40, "t");
        Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
        try (PopConsumer first = consumer("apache-pop-shared"); PopConsumer second = consumer("apache-pop-shared")) {
            AtomicInteger total = new AtomicInteger();
            List<CompletableFuture<Set<String>>> workers = new ArrayList<>();
            for (PopConsumer consumer : List.of(first, second)) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    Set<String> mine = new HashSet<>();
                    while (total.get() < sent.size()) {
                        List<ReceivedMessage> batch = consumer.receive(topic, FilterExpression.ALL, 3, LONG,
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
            assertEquals(sent.size(), a.size() + b.size(), "no message reached both consumers");
            assertTrue(first.receive(topic, FilterExpression.ALL, 32, Duration.ofMillis(200), Duration.ZERO).isEmpty());
        }
    }

    @Test
    void anUnackedMessageComesBackThroughThePopRetryTopicAndIsAckedThere() {
        String topic = APACHE.createTopic("ApachePopLapse", 2);
        String id = send(topic, 1, "x").iterator().next();
        try (PopConsumer consumer = consumer("apache-pop-lapse")) {
            // Two seconds: long enough for the check that it is hidden to come first on a slow machine.
            List<ReceivedMessage> first = consumer.receive(topic, FilterExpression.ALL, 4, Duration.ofSeconds(2), POLL);
            assertEquals(1, first.size());
            assertEquals(id, first.get(0).messageId());
            assertEquals(0, first.get(0).redeliveries());
            assertFalse(first.get(0).fromRetryTopic());
            assertTrue(consumer.receive(topic, FilterExpression.ALL, 4, LONG, Duration.ZERO).isEmpty(), "hidden");

            // Apache's revive service writes the lapsed message to %RETRY%group_topic, from where a pop of
            // the topic hands it out again: seconds after the invisible time, not at once as on Apogee.
            long lapsed = System.nanoTime();
            List<ReceivedMessage> again = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (again.isEmpty() && System.nanoTime() < deadline) {
                again.addAll(consumer.receive(topic, FilterExpression.ALL, 4, LONG, POLL));
            }
            LOG.info("the lapsed message came back after {} ms", (System.nanoTime() - lapsed) / 1_000_000);
            assertEquals(1, again.size());
            ReceivedMessage redelivery = again.get(0);
            assertEquals(id, redelivery.messageId());
            assertEquals(topic, redelivery.topic(), "shown under the topic asked for");
            assertTrue(redelivery.fromRetryTopic(), "popped from the pop retry topic: " + redelivery.receipt());
            assertEquals(1, redelivery.redeliveries());
            // Unlike Apogee (NO_MESSAGE), Apache takes an ack of a spent receipt: it checks only that the
            // offset is within the queue, and stores the ack.
            consumer.ack(first.get(0));
            consumer.ack(redelivery);
            // Lapsed checkpoints came back within ~3 s above; an acked one must not within twice that.
            assertTrue(consumer.receive(topic, FilterExpression.ALL, 4, Duration.ofSeconds(1), Duration.ofSeconds(6))
                    .isEmpty(), "an acked redelivery never comes back");
        }
    }

    @Test
    void ackAllSettlesMessagesOfSeveralPopsAndQueuesInOneBatchAck() {
        String topic = APACHE.createTopic("ApachePopBatchAck", 2);
        Set<String> sent = send(topic, 10, "b");
        try (PopConsumer consumer = consumer("apache-pop-batch-ack")) {
            List<ReceivedMessage> received = new ArrayList<>();
            while (received.size() < sent.size()) {
                List<ReceivedMessage> batch = consumer.receive(topic, FilterExpression.ALL, 3, Duration.ofSeconds(4), POLL);
                assertFalse(batch.isEmpty(), "received " + received.size() + " of " + sent.size());
                received.addAll(batch);
            }
            assertEquals(sent, ids(received));
            ReceivedMessage kept = received.get(received.size() - 1);
            consumer.ackAll(received.subList(0, received.size() - 1));

            // The one left out comes back through the pop retry topic once its invisible time is over (and
            // Apache's revive service has run); the acknowledged ones must not come back within as long again.
            List<ReceivedMessage> cameBack = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (cameBack.isEmpty() && System.nanoTime() < deadline) {
                cameBack.addAll(consumer.receive(topic, FilterExpression.ALL, 32, LONG, POLL));
            }
            cameBack.addAll(consumer.receive(topic, FilterExpression.ALL, 32, LONG, Duration.ofSeconds(6)));
            assertEquals(Set.of(kept.messageId()), ids(cameBack), "only the message left out came back");
            consumer.ackAll(cameBack);
        }
    }

    @Test
    void changingTheInvisibleTimeKeepsTheMessageHiddenAndTheNewReceiptAcks() {
        String topic = APACHE.createTopic("ApachePopExtend", 1);
        send(topic, 1, "x");
        try (PopConsumer consumer = consumer("apache-pop-extend"); PopConsumer other = consumer("apache-pop-extend")) {
            ReceivedMessage message = consumer.receive(topic, FilterExpression.ALL, 1, Duration.ofSeconds(2), POLL).get(0);
            ReceivedMessage extended = consumer.changeInvisibleTime(message, Duration.ofSeconds(60));
            assertTrue(extended.receipt().popTime() >= message.receipt().popTime());
            assertTrue(extended.invisibleUntil().isAfter(message.invisibleUntil().plusSeconds(50)));
            assertTrue(other.receive(topic, FilterExpression.ALL, 1, LONG, Duration.ofSeconds(7)).isEmpty(),
                    "still hidden well after the first invisible time (and Apache's revive delay)");
            consumer.ack(extended);
        }
    }

    @Test
    void aTagFilterSelectsAndApacheCountsTheRejectsAsConsumedEvenWithKeepUnmatched() {
        String topic = APACHE.createTopic("ApachePopTags", 1);
        Set<String> created = send(topic, 3, "created");
        send(topic, 3, "paid");
        // keepUnmatched is an Apogee extension of the pop request; Apache ignores the field.
        try (PopConsumer consumer = PopConsumer.builder().nameServers(APACHE.namesrvAddress()).group("apache-pop-tags")
                .keepUnmatched(true).build()) {
            List<ReceivedMessage> tagged = drain(consumer, topic, FilterExpression.tag("created"), 3);
            assertEquals(created, ids(tagged));
            assertTrue(tagged.stream().allMatch(m -> "created".equals(m.message().tags())));
            // Apache moves the group's offset past what the filter skipped: the group never sees them.
            assertTrue(consumer.receive(topic, FilterExpression.ALL, 8, LONG, Duration.ofSeconds(1)).isEmpty());
        }
        try (PopConsumer other = consumer("apache-pop-tags-2")) {
            assertEquals(6, drain(other, topic, FilterExpression.tag("created || paid"), 6).size(),
                    "another group sees them all");
        }
    }

    @Test
    void anSql92FilterSelectsByProperty() {
        String topic = APACHE.createTopic("ApachePopSql", 1);
        send(topic, 3, "created");
        Set<String> paid = send(topic, 3, "paid");
        try (PopConsumer consumer = consumer("apache-pop-sql")) {
            List<ReceivedMessage> selected = drain(consumer, topic, FilterExpression.sql("TAGS = 'paid' AND n >= 1"), 2);
            assertEquals(2, selected.size());
            assertTrue(paid.containsAll(ids(selected)));
            assertTrue(selected.stream().allMatch(m -> !m.message().property("n").equals("0")));
        }
    }
}
