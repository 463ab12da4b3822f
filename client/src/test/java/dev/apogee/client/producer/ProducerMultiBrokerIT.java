package dev.apogee.client.producer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.BrokerTuning;
import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.ClientException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicQueueStats;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.message.Message;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our producer against two brokers of one cluster: spreading, failing over when one is cut off or
 * stopped (retries and fault avoidance), coming back, and transaction checks from either broker.
 */
@Timeout(60)
class ProducerMultiBrokerIT {

    private static final String A = "broker-a";
    private static final String B = "broker-b";
    /** Short, so that a broker back in service gets sends again within the test. */
    private static final BrokerFaults.Policy FAST_RECOVERY = new BrokerFaults.Policy(Duration.ofMillis(550), 3,
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, 2, config -> config.withTuning(BrokerTuning.defaults()
                .withTransactionChecks(Duration.ofMillis(200), Duration.ofMillis(300), 30)));
        admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
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
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Creates {@code topic} with 4 queues on both masters and waits until the name server routes it to both. */
    private static void createOnBoth(String topic) {
        admin.topics().createOrUpdate(cluster.brokerConfig(0).clusterName(), TopicSpec.of(topic, 4));
        Await.until("a route of " + topic + " over both brokers", () -> {
            try {
                return admin.topics().route(topic).masters().keySet().equals(Set.of(A, B));
            } catch (ClientException e) {
                return false;
            }
        });
    }

    /** A producer builder with a short route refresh, reconnect backoff and fault avoidance. */
    private static Producer.Builder builder(String group) {
        return Producer.builder().nameServers(cluster.namesrvAddress()).group(group)
                .runtimeOptions(runtime -> runtime.routeRefreshInterval(Duration.ofMillis(200))
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .faultAvoidance(FAST_RECOVERY);
    }

    private static Producer producer(String group, Consumer<Producer.Builder> options) {
        Producer.Builder builder = builder(group);
        options.accept(builder);
        return builder.build();
    }

    private static Message message(String topic, String body) {
        return Message.of(topic, body.getBytes(UTF_8));
    }

    /** The message {@code result} names, read from the store of the broker it names. */
    private static StoredMessage stored(SendResult result) {
        int index = result.queue().brokerName().equals(A) ? 0 : 1;
        return cluster.broker(index).store().messageAt(MessageIds.decode(result.offsetMessageId()).physicalOffset());
    }

    private static Map<String, Integer> perBroker(List<SendResult> results) {
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(result -> counts.merge(result.queue().brokerName(), 1, Integer::sum));
        return counts;
    }

    @Test
    void sendsSpreadOverBothBrokersQueues() {
        createOnBoth("SpreadTopic");
        try (Producer producer = producer("spread-producer", builder -> { })) {
            List<SendResult> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                SendResult result = producer.send(message("SpreadTopic", "spread " + i));
                assertArrayEquals(("spread " + i).getBytes(UTF_8), stored(result).body(), "stored where it says");
                results.add(result);
            }
            assertEquals(Map.of(A, 8, B, 8), perBroker(results), "round robin alternates the brokers");
            Set<String> queues = results.stream().map(r -> r.queue().brokerName() + "/" + r.queue().queueId())
                    .collect(Collectors.toSet());
            assertEquals(8, queues.size(), "every queue of both brokers: " + queues);
        }
    }

    @Test
    void sendsFailOverToTheLiveBrokerWhileOneIsCutOffAndSpreadAgainWhenItIsBack() throws Exception {
        createOnBoth("FailoverTopic");
        try (Producer producer = producer("failover-producer", builder -> { });
             Producer unretried = producer("failover-unretried", builder -> builder.retries(0).asyncRetries(0))) {
            producer.send(message("FailoverTopic", "warm a"));
            producer.send(message("FailoverTopic", "warm b"));
            unretried.send(message("FailoverTopic", "warm"));

            cluster.isolateBroker(0);
            List<SendResult> sync = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // A send that picked broker-a fails there and is retried on broker-b: none may fail.
                sync.add(producer.send(message("FailoverTopic", "sync " + i)));
            }
            assertEquals(Map.of(B, 20), perBroker(sync), "every send after the cut-off lands on the live broker");
            sync.forEach(result -> assertEquals(B, result.queue().brokerName()));
            assertArrayEquals("sync 19".getBytes(UTF_8), stored(sync.get(19)).body());

            List<CompletableFuture<SendResult>> async = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                async.add(producer.sendAsync(message("FailoverTopic", "async " + i)));
            }
            List<SendResult> asyncResults = new ArrayList<>();
            for (CompletableFuture<SendResult> send : async) {
                asyncResults.add(send.get());
            }
            assertEquals(Map.of(B, 20), perBroker(asyncResults), "async sends fail over too");

            // Without retries only fault avoidance keeps sends off the cut-off broker: one failure teaches it.
            int failures = 0;
            List<SendResult> unretriedResults = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try {
                    unretriedResults.add(unretried.send(message("FailoverTopic", "unretried " + i)));
                } catch (ClientException e) {
                    failures++;
                }
            }
            assertTrue(failures <= 1, failures + " sends failed: the cut-off broker was not avoided");
            assertEquals(Map.of(B, 20 - failures), perBroker(unretriedResults));

            cluster.startBroker(0);
            awaitSpread(producer, "FailoverTopic");
        }
    }

    @Test
    void aStoppedBrokerLeavesTheRouteAndRejoinsItWhenStarted() throws Exception {
        createOnBoth("StopTopic");
        try (Producer producer = producer("stop-producer", builder -> { })) {
            producer.send(message("StopTopic", "warm a"));
            producer.send(message("StopTopic", "warm b"));

            cluster.stopBroker(0);
            Await.until("the producer's route of StopTopic without broker-a", Duration.ofSeconds(10), () -> {
                TopicRoute route = producer.runtime().routes().cached("StopTopic");
                return route != null && route.masters().keySet().equals(Set.of(B));
            });
            // No route names it now: heartbeats and reconnects leave it alone.
            Await.until("broker-a forgotten by the producer's runtime", Duration.ofSeconds(10),
                    () -> !producer.runtime().routes().isBroker(cluster.brokerAddress(0)));
            List<SendResult> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(producer.send(message("StopTopic", "stopped " + i)));
            }
            assertEquals(Map.of(B, 10), perBroker(results));

            cluster.startBroker(0);
            Await.until("the producer's route of StopTopic with broker-a again", Duration.ofSeconds(10), () -> {
                TopicRoute route = producer.runtime().routes().cached("StopTopic");
                return route != null && route.masters().keySet().equals(Set.of(A, B));
            });
            awaitSpread(producer, "StopTopic");
        }
    }

    /** Waits until a send lands on broker-a again, then checks that sends alternate between the brokers. */
    private static void awaitSpread(Producer producer, String topic) {
        Await.until("a send to broker-a after its return", Duration.ofSeconds(15),
                () -> producer.send(message(topic, "probe")).queue().brokerName().equals(A));
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(producer.send(message(topic, "back " + i)));
        }
        assertEquals(Map.of(A, 5, B, 5), perBroker(results), "sends spread over both brokers again");
    }

    @Test
    void transactionChecksFromEitherBrokerAreAnswered() throws Exception {
        createOnBoth("TxMultiTopic");
        Map<String, Set<String>> checkedBy = new ConcurrentHashMap<>();
        TransactionChecker checker = half -> {
            String host = half.storeHost().getAddress().getHostAddress() + ":" + half.storeHost().getPort();
            checkedBy.computeIfAbsent(host, key -> ConcurrentHashMap.newKeySet()).add(half.messageId());
            return TransactionState.COMMIT;
        };
        try (TransactionProducer producer = builder("tx-multi-producer").buildTransactional(checker)) {
            Map<String, String> brokerOfMessage = new TreeMap<>();
            for (int i = 0; i < 6; i++) {
                TransactionSendResult sent = producer.sendInTransaction(message("TxMultiTopic", "tx " + i),
                        (message, half) -> TransactionState.UNKNOWN);
                assertEquals(TransactionState.UNKNOWN, sent.state());
                brokerOfMessage.put(sent.half().messageId(), sent.half().queue().brokerName());
            }
            assertEquals(Set.of(A, B), Set.copyOf(brokerOfMessage.values()), "half messages on both brokers");
            Await.until("checks from both brokers about every half message", Duration.ofSeconds(15),
                    () -> checkedBy.getOrDefault(cluster.brokerAddress(0), Set.of()).size()
                            + checkedBy.getOrDefault(cluster.brokerAddress(1), Set.of()).size() >= 6);
            brokerOfMessage.forEach((id, broker) -> assertTrue(checkedBy.getOrDefault(
                    cluster.brokerAddress(broker.equals(A) ? 0 : 1), Set.of()).contains(id),
                    id + " was checked by its broker " + broker));
            Await.until("the committed messages in both brokers' queues", Duration.ofSeconds(10), () -> {
                Map<String, Long> stored = new TreeMap<>();
                for (TopicQueueStats queue : admin.topics().stats("TxMultiTopic")) {
                    stored.merge(queue.queue().brokerName(), queue.maxOffset() - queue.minOffset(), Long::sum);
                }
                Map<String, Long> expected = new TreeMap<>();
                brokerOfMessage.values().forEach(broker -> expected.merge(broker, 1L, Long::sum));
                return stored.equals(expected);
            });
        }
    }

    @Test
    void aBrokerRestartedWhileAHalfMessageIsOpenStillReachesTheCheckerWithoutWaitingForASend() throws Exception {
        createOnBoth("TxRestartTopic");
        AtomicBoolean decided = new AtomicBoolean();
        Map<String, Set<String>> checkedBy = new ConcurrentHashMap<>();
        TransactionChecker checker = half -> {
            String host = half.storeHost().getAddress().getHostAddress() + ":" + half.storeHost().getPort();
            checkedBy.computeIfAbsent(host, key -> ConcurrentHashMap.newKeySet()).add(half.messageId());
            return decided.get() ? TransactionState.COMMIT : TransactionState.UNKNOWN;
        };
        // Heartbeats at their default interval (30 s): only the reconnect can bring the producer back in time.
        try (TransactionProducer producer = Producer.builder().nameServers(cluster.namesrvAddress())
                .group("tx-restart-producer").runtimeOptions(runtime -> runtime
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .buildTransactional(checker)) {
            SendResult half = producer.sendInTransaction(message("TxRestartTopic", "open"),
                    (message, view) -> TransactionState.UNKNOWN).half();
            int index = half.queue().brokerName().equals(A) ? 0 : 1;
            String address = cluster.brokerAddress(index);
            Await.until("a check before the restart", Duration.ofSeconds(10),
                    () -> checkedBy.getOrDefault(address, Set.of()).contains(half.messageId()));

            cluster.restartBroker(index);
            checkedBy.clear();
            decided.set(true);
            Await.until("a check from the restarted broker", Duration.ofSeconds(10),
                    () -> checkedBy.getOrDefault(address, Set.of()).contains(half.messageId()));
            Await.until("the committed message in its queue", Duration.ofSeconds(10), () -> admin.topics()
                    .stats("TxRestartTopic").stream().mapToLong(q -> q.maxOffset() - q.minOffset()).sum() == 1);
        }
    }
}
