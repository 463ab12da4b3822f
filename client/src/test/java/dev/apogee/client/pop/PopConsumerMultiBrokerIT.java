package dev.apogee.client.pop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.ClientException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our pop consumer against two brokers: it receives from both, and from the other while one is down. */
@Timeout(60)
class PopConsumerMultiBrokerIT {

    private static final String A = "broker-a";
    private static final String B = "broker-b";
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;
    private static AdminClient admin;
    private static Producer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, 2, config -> config);
        admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("pop-multi-producer").build();
    }

    @AfterEach
    void everyBrokerServes() throws Exception {
        for (int i = 0; i < cluster.brokerCount(); i++) {
            if (!cluster.isRunning(i)) {
                cluster.startBroker(i);
            }
        }
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

    private static PopConsumer consumer(String group) {
        return PopConsumer.builder().nameServers(cluster.namesrvAddress()).group(group)
                .runtimeOptions(runtime -> runtime.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .build();
    }

    private static void createOnBoth(String topic) {
        admin.topics().createOrUpdate(cluster.brokerConfig(0).clusterName(), TopicSpec.of(topic, 2));
        Await.until("a route of " + topic + " over both brokers", () -> {
            try {
                return admin.topics().route(topic).masters().keySet().equals(Set.of(A, B));
            } catch (ClientException e) {
                return false;
            }
        });
    }

    /** Sends {@code count} messages; the message ids by the broker that stored them. */
    private static Map<String, Set<String>> send(String topic, int count) {
        Map<String, Set<String>> byBroker = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SendResult sent = producer.send(Message.of(topic, ("m " + i).getBytes(UTF_8)));
            byBroker.computeIfAbsent(sent.queue().brokerName(), key -> new HashSet<>()).add(sent.messageId());
        }
        return byBroker;
    }

    /** Receives and acks until {@code expected} messages arrived or a receive comes back empty. */
    private static List<ReceivedMessage> drain(PopConsumer consumer, String topic, int expected, Duration poll) {
        List<ReceivedMessage> all = new ArrayList<>();
        while (all.size() < expected) {
            List<ReceivedMessage> batch = consumer.receive(topic, FilterExpression.ALL, 4, LONG, poll);
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
    void messagesOnBothBrokersAreAllReceived() {
        createOnBoth("PopBoth");
        Map<String, Set<String>> sent = send("PopBoth", 20);
        assertEquals(Set.of(A, B), sent.keySet(), "the producer spread them over both brokers");
        try (PopConsumer consumer = consumer("pop-both")) {
            List<ReceivedMessage> received = drain(consumer, "PopBoth", 20, Duration.ofSeconds(2));
            assertEquals(20, received.size());
            Map<String, Set<String>> byBroker = received.stream().collect(Collectors.groupingBy(
                    message -> message.receipt().brokerName(), Collectors.mapping(ReceivedMessage::messageId,
                            Collectors.toSet())));
            assertEquals(sent, byBroker, "each message received once, from the broker that stored it");
            assertTrue(consumer.receive("PopBoth", FilterExpression.ALL, 4, LONG, Duration.ZERO).isEmpty(),
                    "all acknowledged on both brokers");
        }
    }

    @Test
    void withOneBrokerCutOffTheOthersMessagesAreStillReceivedAndTheRestOnceItIsBack() throws Exception {
        createOnBoth("PopOneDown");
        Map<String, Set<String>> sent = send("PopOneDown", 12);
        try (PopConsumer consumer = consumer("pop-one-down")) {
            // Connected to both first, so that the cut-off drops a live connection.
            List<ReceivedMessage> first = consumer.receive("PopOneDown", FilterExpression.ALL, 1, LONG, Duration.ZERO);
            first.forEach(consumer::ack);
            cluster.isolateBroker(0);

            List<ReceivedMessage> duringOutage = new ArrayList<>(first);
            duringOutage.addAll(drain(consumer, "PopOneDown", 12, Duration.ofMillis(300)));
            Set<String> fromB = ids(duringOutage.stream().filter(m -> m.receipt().brokerName().equals(B)).toList());
            assertEquals(sent.get(B), fromB, "every message of the live broker, though the other is unreachable");
            assertTrue(consumer.receive("PopOneDown", FilterExpression.ALL, 4, LONG, Duration.ofMillis(300)).isEmpty(),
                    "a long poll on the live broker, not a failure, once it is drained");

            cluster.startBroker(0);
            Set<String> fromA = new HashSet<>(ids(duringOutage.stream()
                    .filter(m -> m.receipt().brokerName().equals(A)).toList()));
            Await.until("the rest of broker-a's messages after its return", Duration.ofSeconds(15), () -> {
                fromA.addAll(ids(drain(consumer, "PopOneDown", 12, Duration.ofMillis(200))));
                return fromA.equals(sent.get(A));
            });
        }
    }

    @Test
    void aLongPollOnABrokerThatGoesAwayMovesToTheOtherInsteadOfFailingTheReceive() throws Exception {
        createOnBoth("PopPollAway");
        try (PopConsumer consumer = consumer("pop-poll-away")) {
            // Nothing stored: after its sweep the receive long-polls broker-a (a fresh consumer starts there).
            long start = System.nanoTime();
            CompletableFuture<List<ReceivedMessage>> polling = consumer.receiveAsync("PopPollAway",
                    FilterExpression.ALL, 4, LONG, Duration.ofSeconds(8));
            Await.until("the long poll parked", () -> consumer.runtime().rpc().inFlight() == 1
                    && System.nanoTime() - start > 300_000_000L);
            cluster.isolateBroker(0);
            SendResult sent = producer.send(Message.of("PopPollAway", "while polling".getBytes(UTF_8)));
            assertEquals(B, sent.queue().brokerName());
            List<ReceivedMessage> received = polling.get(15, TimeUnit.SECONDS);
            assertEquals(List.of(sent.messageId()), received.stream().map(ReceivedMessage::messageId).toList(),
                    "the receive went on polling the live broker");
            received.forEach(consumer::ack);
        }
    }
}
