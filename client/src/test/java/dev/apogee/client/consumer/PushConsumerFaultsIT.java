package dev.apogee.client.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.consumer.ConsumerFixture.Receipts;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.message.Message;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.testing.LogCapture;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push consumer's answers to pulls that do not simply find messages, and its orderly queue locks
 * over time, against an in-process Apogee cluster.
 */
@Timeout(90)
class PushConsumerFaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLUSTER = "DefaultCluster";
    private static final Duration BACKOFF = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;

    private static ApogeeCluster cluster;
    private static AdminClient admin;
    private static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir.resolve("cluster"), config -> config);
        admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("faults-it-producer").build();
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

    private static PushConsumerBuilder fast(String group) {
        return PushConsumer.builder().nameServers(cluster.namesrvAddress()).group(group)
                .rebalanceInterval(Duration.ofSeconds(1)).commitInterval(Duration.ofMillis(200))
                .pullBackoff(BACKOFF).orderlySuspend(Duration.ofMillis(100)).closeTimeout(Duration.ofSeconds(2));
    }

    private static void createTopic(String topic, int queues) {
        admin.topics().createOrUpdate(CLUSTER, TopicSpec.of(topic, queues));
        Await.until("the route of " + topic, WAIT, () -> {
            try {
                return admin.topics().route(topic).readableQueues().size() == queues;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static List<String> sendAll(String topic, String prefix, int count) {
        List<String> bodies = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        for (String body : bodies) {
            producer.send(Message.of(topic, body.getBytes(UTF_8)));
        }
        return bodies;
    }

    private static MessageListener counting(Receipts receipts) {
        return message -> {
            receipts.add(new String(message.body(), UTF_8));
            return ConsumeResult.SUCCESS;
        };
    }

    /** Waits {@code window} (a timer is what is being tested here, not a condition of the system). */
    private static void observe(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        Await.until("the end of an observation window", window.plusSeconds(5), () -> System.nanoTime() >= end);
    }

    @Test
    void pullsOfATopicMadeUnreadableBackOffAndResumeWhenItIsReadableAgain() {
        String topic = "FaultNoPermission";
        String group = "no-permission";
        createTopic(topic, 2);
        Receipts receipts = new Receipts();
        // A route refreshed only rarely keeps the queues assigned, so the pulls do meet the refusal (a fresh
        // route would list no readable queue and the consumer would simply stop pulling them).
        try (LogCapture pullLog = LogCapture.of("dev.apogee.client.consumer.push.PullLoop");
             PushConsumer consumer = fast(group).subscribe(topic, "*").startFrom(StartPosition.FIRST)
                     .runtimeOptions(runtime -> runtime.routeRefreshInterval(Duration.ofMinutes(10)))
                     .listener(counting(receipts)).build()) {
            List<String> before = sendAll(topic, "before-", 4);
            Await.until("the messages sent while readable", WAIT, () -> receipts.containsAll(before));

            admin.topics().createOrUpdate(CLUSTER, TopicSpec.of(topic, 2).withPerm(TopicPerm.WRITE));
            List<String> during = sendAll(topic, "during-", 6);
            // Each queue's pull is refused at least three times: enough to see the pause between attempts.
            Await.until("refused pulls of both queues", WAIT, () -> IntStream.range(0, 2)
                    .allMatch(q -> refusals(pullLog, group, topic, q).size() >= 3));
            for (int queueId = 0; queueId < 2; queueId++) {
                List<Long> times = refusals(pullLog, group, topic, queueId);
                for (int i = 1; i < times.size(); i++) {
                    long gap = times.get(i) - times.get(i - 1);
                    assertTrue(gap >= BACKOFF.toMillis() - 50, "refused pulls of queue " + queueId
                            + " only " + gap + " ms apart (back-off " + BACKOFF + "): " + times);
                }
            }
            assertTrue(receipts.keys().stream().noneMatch(key -> key.startsWith("during-")),
                    "consumed from an unreadable topic: " + receipts.keys());

            admin.topics().createOrUpdate(CLUSTER, TopicSpec.of(topic, 2));
            Await.until("the messages sent while unreadable, once readable again", WAIT,
                    () -> receipts.containsAll(during));
            assertEquals(before.size() + during.size(), receipts.distinct(), "received " + receipts.keys());
        }
    }

    /** When the consumer logged a refused pull of {@code queueId} of {@code topic} for {@code group}. */
    private static List<Long> refusals(LogCapture log, String group, String topic, int queueId) {
        String queue = "topic=" + topic;
        String id = "queueId=" + queueId;
        return log.matching(m -> m.contains("refused") && m.contains("group " + group + " ") && m.contains(queue)
                && m.contains(id) && m.contains("NO_PERMISSION")).stream().map(LogCapture.Entry::millis).toList();
    }

    @Test
    void aCommittedOffsetBeyondTheQueueIsCorrectedAndNothingAfterTheCorrectionIsLost() {
        String topic = "FaultOffsetMoved";
        String group = "offset-moved";
        createTopic(topic, 1);
        MessageQueue queue = admin.topics().route(topic).readableQueues().iterator().next();
        List<String> old = sendAll(topic, "old-", 3);
        ConsumerRequests requests = new ConsumerRequests(admin.runtime().rpc(), admin.runtime().routes(), 3_000);
        // An offset far past the queue's end (a reset to a wrong value, or a queue that was recreated):
        // the broker answers PULL_OFFSET_MOVED with the queue's end as the next offset.
        Rpc.await(requests.commitOffset(group, queue, 1_000));
        Receipts receipts = new Receipts();
        try (PushConsumer consumer = fast(group).subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .listener(counting(receipts)).build()) {
            Await.until("the group's offset corrected to the queue's end", WAIT,
                    () -> Rpc.await(requests.committedOffset(group, queue)) == old.size());
            List<String> after = sendAll(topic, "new-", 5);
            Await.until("every message sent after the correction", WAIT, () -> receipts.containsAll(after));
            assertEquals(Set.copyOf(after), receipts.keys(), "the corrected offset skips exactly what was before it");
            Await.until("the offset committed past them", WAIT,
                    () -> Rpc.await(requests.committedOffset(group, queue)) == old.size() + after.size());
        }
    }

    @Test
    void orderlyLocksAreRenewedSoConsumptionOutlivesTheirMaxAge() {
        String topic = "FaultLockRenewal";
        createTopic(topic, 2);
        Receipts receipts = new Receipts();
        Duration maxAge = Duration.ofMillis(800);
        try (PushConsumer consumer = fast("lock-renewal").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .queueLocks(Duration.ofMillis(200), maxAge)
                .orderlyListener(message -> {
                    receipts.add(new String(message.body(), UTF_8));
                    return OrderlyResult.SUCCESS;
                }).build()) {
            long started = System.nanoTime();
            int sent = 0;
            // One message at a time for four lock ages: each must be consumed promptly, so every lock
            // was confirmed again before it aged out.
            while (System.nanoTime() - started < maxAge.multipliedBy(4).toNanos()) {
                String body = "m" + sent++;
                producer.send(Message.of(topic, body.getBytes(UTF_8)));
                Await.until(body + " consumed within a lock age", sent == 1 ? WAIT : maxAge.multipliedBy(2),
                        () -> receipts.count(body) == 1);
            }
            assertTrue(sent >= 2, "sent " + sent);
            assertEquals(2, consumer.assignedQueues().stream().filter(q -> q.topic().equals(topic)).count());
        }
    }

    @Test
    void aMemberWhoseLocksLapsedStopsConsumingThoseQueues() {
        String topic = "FaultLockExpiry";
        createTopic(topic, 1);
        Receipts receipts = new Receipts();
        Duration maxAge = Duration.ofMillis(1_500);
        // Renewals so rare that none happens during the test: the locks taken at the rebalance lapse.
        try (PushConsumer consumer = fast("lock-expiry").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .queueLocks(Duration.ofMinutes(10), maxAge)
                .orderlyListener(message -> {
                    receipts.add(new String(message.body(), UTF_8));
                    return OrderlyResult.SUCCESS;
                }).build()) {
            long built = System.nanoTime();
            producer.send(Message.of(topic, "fresh".getBytes(UTF_8)));
            Await.until("the message sent while the lock was fresh", WAIT, () -> receipts.count("fresh") == 1);
            assertTrue(System.nanoTime() - built < maxAge.toNanos(),
                    "the first message took longer than a lock age; the test cannot tell lapse from slowness");

            observe(maxAge.minus(Duration.ofNanos(System.nanoTime() - built)).plusMillis(200));
            producer.send(Message.of(topic, "stale".getBytes(UTF_8)));
            // Pulled at once by the held pull, then turned down every 100 ms for lack of a fresh lock.
            observe(Duration.ofSeconds(1));
            assertEquals(0, receipts.count("stale"), "consumed with a lapsed lock: " + receipts.keys());
            assertEquals(Set.of("fresh"), receipts.keys());
        }
    }
}
