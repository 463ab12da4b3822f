package dev.apogee.client.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.ClientException;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin client against two brokers of one cluster: every view covers both, and says when one is missing. */
@Timeout(60)
class AdminClientMultiBrokerIT {

    private static final String A = "broker-a";
    private static final String B = "broker-b";

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;
    private static AdminClient admin;
    private Producer producer;
    private static String clusterName;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, 2, config -> config);
        admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).requestTimeout(Duration.ofSeconds(2))
                .build();
        clusterName = cluster.brokerConfig(0).clusterName();
    }

    /**
     * A producer per test: one shared by the class remembered that a broker isolated by an earlier test
     * could not be connected to (its reconnect backoff) and rightly sent to the other broker only.
     */
    @BeforeEach
    void newProducer() {
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("admin-multi-producer").build();
    }

    @AfterEach
    void everyBrokerServes() throws Exception {
        producer.close();
        for (int i = 0; i < cluster.brokerCount(); i++) {
            if (!cluster.isRunning(i)) {
                cluster.startBroker(i);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Creates {@code topic} with 2 queues through the admin client and waits for its route over both brokers. */
    private static void createOnBoth(String topic) {
        admin.topics().createOrUpdate(clusterName, TopicSpec.of(topic, 2));
        Await.until("a route of " + topic + " over both brokers", () -> {
            try {
                return admin.topics().route(topic).masters().keySet().equals(Set.of(A, B));
            } catch (ClientException e) {
                return false;
            }
        });
    }

    /** Sends {@code count} messages with {@code key}; how many each broker stored. */
    private Map<String, Integer> send(String topic, int count, String key) {
        Map<String, Integer> byBroker = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SendResult sent = producer.send(Message.of(topic, ("m " + i).getBytes(UTF_8)).keys(key));
            byBroker.merge(sent.queue().brokerName(), 1, Integer::sum);
        }
        return byBroker;
    }

    @Test
    void clustersShowBothBrokers() {
        List<ClusterView> clusters = admin.clusters().clusters();
        assertEquals(1, clusters.size());
        assertEquals(clusterName, clusters.get(0).name());
        Map<String, String> addresses = clusters.get(0).brokers().stream()
                .collect(Collectors.toMap(BrokerView::brokerName, BrokerView::address));
        assertEquals(Map.of(A, cluster.brokerAddress(0), B, cluster.brokerAddress(1)), addresses);
        for (String address : addresses.values()) {
            assertTrue(admin.clusters().runtimeStats(address).raw().size() > 5, "figures of " + address);
        }
    }

    @Test
    void aTopicCreatedOnTheClusterIsOnBothMastersAndItsStatsComeFromBoth() {
        createOnBoth("AdminMultiTopic");
        assertTrue(cluster.broker(0).topics().get("AdminMultiTopic") != null, "created on broker-a");
        assertTrue(cluster.broker(1).topics().get("AdminMultiTopic") != null, "created on broker-b");
        Map<String, Integer> sent = send("AdminMultiTopic", 6, "stats");
        Map<String, Long> expected = Map.of(A, (long) sent.get(A), B, (long) sent.get(B));
        // A send is acknowledged once the commit log holds it; the consume queues that the stats read are
        // filled by the broker's dispatcher just after (as in Apache RocketMQ), so the counts may trail briefly.
        Await.until("stats of both brokers counting what was sent", () -> storedPerBroker().equals(expected));
        List<TopicQueueStats> stats = admin.topics().stats("AdminMultiTopic");
        assertEquals(4, stats.size(), "2 queues on each broker: " + stats);
        assertEquals(expected, storedPerBroker());
    }

    private Map<String, Long> storedPerBroker() {
        Map<String, Long> stored = new HashMap<>();
        admin.topics().stats("AdminMultiTopic").forEach(queue -> stored.merge(queue.queue().brokerName(),
                queue.maxOffset() - queue.minOffset(), Long::sum));
        return stored;
    }

    @Test
    void queryByKeyFindsTheMessagesOnBothBrokers() {
        createOnBoth("AdminKeyTopic");
        Instant before = Instant.now().minusSeconds(5);
        Map<String, Integer> sent = send("AdminKeyTopic", 6, "multi-key");
        assertEquals(Set.of(A, B), sent.keySet());
        Await.until("both brokers' key indexes", () -> admin.messages().queryByKey("AdminKeyTopic", "multi-key", before,
                Instant.now().plusSeconds(5), 32).size() == 6);
        List<MessageView> found = admin.messages().queryByKey("AdminKeyTopic", "multi-key", before,
                Instant.now().plusSeconds(5), 32);
        Set<Integer> ports = found.stream().map(view -> view.storeHost().getPort()).collect(Collectors.toSet());
        assertEquals(Set.of(cluster.brokerConfig(0).listenPort(), cluster.brokerConfig(1).listenPort()), ports,
                "found on both brokers");
    }

    @Test
    void lagCoversBothBrokersAndAnUnreachableOneMakesItUnknown() throws Exception {
        createOnBoth("AdminLagTopic");
        send("AdminLagTopic", 8, "lag");
        try (PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("admin-multi-lag")
                .build()) {
            Set<String> received = new HashSet<>();
            Await.until("every message received", () -> {
                for (ReceivedMessage message : consumer.receive("AdminLagTopic", FilterExpression.ALL, 8,
                        Duration.ofSeconds(30), Duration.ZERO)) {
                    consumer.ack(message);
                    received.add(message.messageId());
                }
                return received.size() == 8;
            });
            send("AdminLagTopic", 4, "lag");
            // A send is answered once stored; the queues (which the broker offsets come from) follow a moment later.
            Await.until("the 4 new messages counted", () -> admin.groups().lag("admin-multi-lag").totalLag()
                    .equals(OptionalLong.of(4)));

            GroupLag lag = admin.groups().lag("admin-multi-lag");
            assertEquals(List.of(), lag.unreachableBrokers());
            Set<String> brokers = lag.queues().stream().filter(q -> q.queue().topic().equals("AdminLagTopic"))
                    .map(q -> q.queue().brokerName()).collect(Collectors.toSet());
            assertEquals(Set.of(A, B), brokers, "queues of both brokers: " + lag.queues());
            assertEquals(OptionalLong.of(4), lag.totalLag(), "the 4 sent after the consumer caught up: " + lag);

            cluster.isolateBroker(0);
            GroupLag partial = admin.groups().lag("admin-multi-lag");
            assertEquals(List.of(A), partial.unreachableBrokers());
            assertEquals(OptionalLong.empty(), partial.totalLag(), "unknown, not a partial sum: " + partial);
            assertTrue(partial.queues().stream().noneMatch(q -> q.queue().brokerName().equals(A)));
        }
    }

    @Test
    void aChangeOneMasterMissesIsMadeOnTheOthersAndReportedPerBroker() throws Exception {
        cluster.isolateBroker(0);
        PartialChangeException partly = assertThrows(PartialChangeException.class,
                () -> admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminPartialTopic", 2)));
        assertEquals(List.of(B), partly.changed());
        assertEquals(Set.of(A), partly.failures().keySet());
        assertTrue(partly.getMessage().contains(A), partly.getMessage());
        assertTrue(cluster.broker(1).topics().get("AdminPartialTopic") != null, "made on the master that answered");

        PartialChangeException deleting = assertThrows(PartialChangeException.class,
                () -> admin.topics().delete(clusterName, "AdminPartialTopic"));
        assertEquals(List.of(B), deleting.changed());
        assertTrue(cluster.broker(1).topics().get("AdminPartialTopic") == null, "deleted where it could be");
    }
}
