package dev.apogee.client;

import static dev.apogee.client.producer.TransactionState.COMMIT;
import static dev.apogee.client.producer.TransactionState.ROLLBACK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.BrokerView;
import dev.apogee.client.admin.ClusterView;
import dev.apogee.client.admin.GroupLag;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.OrderlyResult;
import dev.apogee.client.consumer.PullConsumer;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.producer.SendStatus;
import dev.apogee.client.producer.ShardingKeySelector;
import dev.apogee.client.producer.TransactionProducer;
import dev.apogee.client.producer.TransactionSendResult;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The code of client/README.md, run against an in-process cluster (only the name server address differs). */
@Timeout(60)
class ReadmeExamplesIT {

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sending() throws Exception {
        String nameServer = cluster.namesrvAddress();
        SendResult sent;
        try (Producer producer = Producer.builder().nameServers(nameServer).group("orders").build()) {
            Message message = Message.of("OrderEvents", "hello".getBytes(UTF_8)).tags("created").keys("order-42");
            sent = producer.send(message);                                   // sync
            producer.sendAsync(message).thenAccept(r -> System.out.println(r.messageId())).get(); // async
            producer.sendOneway(message);                                    // fire and forget
            producer.sendBatch(List.of(message, message));                   // one request, one queue
            producer.send(message, ShardingKeySelector.INSTANCE, "order-42"); // ordered by key
        }
        assertEquals(SendStatus.SEND_OK, sent.status());
    }

    @Test
    void transactions() {
        Set<String> ledger = ConcurrentHashMap.newKeySet();
        Message message = Message.of("Payments", "paid".getBytes(UTF_8));
        TransactionSendResult result;
        try (TransactionProducer producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("payments")
                .buildTransactional(half -> ledger.contains(half.messageId()) ? COMMIT : ROLLBACK)) {
            result = producer.sendInTransaction(message, (msg, half) -> {
                ledger.add(half.messageId());
                return COMMIT;
            });
        }
        assertEquals(COMMIT, result.state());
        assertTrue(ledger.contains(result.half().messageId()));
    }

    @Test
    void sharedRuntime() {
        Message message = Message.of("Audit", "seen".getBytes(UTF_8));
        // Apogee's test broker checks no signatures; the credentials only show where they go.
        try (ClientRuntime runtime = ClientRuntime.builder().nameServers(cluster.namesrvAddress())
                .credentials(Credentials.of("accessKey", "secretKey")).build();
             Producer orders = Producer.builder().runtime(runtime).group("orders").build();
             Producer audit = Producer.builder().runtime(runtime).group("audit").build()) {
            assertEquals(SendStatus.SEND_OK, orders.send(message).status());
            assertEquals(SendStatus.SEND_OK, audit.send(message).status());
        }
    }

    private static boolean slow(ReceivedMessage message) {
        return message.redeliveries() == 0;
    }

    @Test
    void consumingByPop() {
        try (Producer producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("orders").build()) {
            producer.send(Message.of("OrderEvents", "hello".getBytes(UTF_8)).tags("created").keys("order-42"));
        }
        int acked = 0;
        try (PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("billing").build()) {
            List<ReceivedMessage> messages = consumer.receive("OrderEvents", FilterExpression.tag("created"), 16,
                    Duration.ofSeconds(30), Duration.ofSeconds(5));           // invisible 30 s, wait up to 5 s
            for (ReceivedMessage message : messages) {
                if (slow(message)) {
                    message = consumer.changeInvisibleTime(message, Duration.ofMinutes(2)); // a new receipt
                }
                consumer.ack(message);
                acked++;
            }
        }
        assertTrue(acked > 0);
    }

    @Test
    void administering() {
        String brokerName = cluster.broker().config().brokerName();
        String clusterName = cluster.broker().config().clusterName();
        // Setup outside the README's code: a message with the key, and a group the broker knows.
        try (Producer producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("orders").build();
             PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("billing")
                     .build()) {
            producer.send(Message.of("OrderEvents", "hello".getBytes(UTF_8)).keys("order-42"));
            consumer.receive("OrderEvents", FilterExpression.ALL, 1, Duration.ofMillis(1), Duration.ZERO);
        }
        try (AdminClient admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build()) {
            dev.apogee.remoting.testing.Await.until("the topic's route", Duration.ofSeconds(15),
                    () -> admin.topics().list().contains("OrderEvents"));
        }
        List<MessageView> found;
        List<MessageView> browsed;
        try (AdminClient admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build()) {
            for (ClusterView c : admin.clusters().clusters()) {
                for (BrokerView broker : c.brokers()) {
                    System.out.println(broker.address() + " " + admin.clusters().runtimeStats(broker.address()).putTps());
                }
            }
            admin.topics().createOrUpdate(clusterName, TopicSpec.of("OrderEvents", 8));
            GroupLag lag = admin.groups().lag("billing");              // totalLag() is empty when unknown
            System.out.println(lag.totalLag());
            admin.groups().resetOffset("billing", "OrderEvents", Instant.now().minus(Duration.ofHours(1)));
            found = admin.messages().queryByKey("OrderEvents", "order-42",
                    Instant.now().minus(Duration.ofDays(1)), Instant.now(), 32);
            browsed = admin.messages().browse(new MessageQueue("OrderEvents", brokerName, 0), 0, 10);
        }
        assertTrue(found.stream().allMatch(m -> m.keys().contains("order-42")));
        assertTrue(browsed.stream().allMatch(m -> m.queueId() == 0));
    }

    /** The README's {@code ledger.apply(message)}: records the message; false would mean "try again later". */
    private static boolean applyToLedger(Set<String> ledger, MessageView message) {
        ledger.add(new String(message.body(), UTF_8));
        return true;
    }

    @Test
    void consuming() {
        String nameServer = cluster.namesrvAddress();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<String> ledger = ConcurrentHashMap.newKeySet();
        try (Producer producer = Producer.builder().nameServers(nameServer).group("readme-senders").build()) {
            producer.send(Message.of("OrderEvents", "warm-up".getBytes(UTF_8)).tags("created"));
            try (PushConsumer consumer = PushConsumer.builder().nameServers(nameServer).group("order-processors")
                    .subscribe("OrderEvents", "created || paid")
                    .startFrom(StartPosition.FIRST)
                    .listener(message -> {
                        System.out.println(message.tags() + " " + new String(message.body(), UTF_8));
                        seen.add(new String(message.body(), UTF_8));
                        return ConsumeResult.SUCCESS;
                    })
                    .build();
                 PushConsumer ordered = PushConsumer.builder().nameServers(nameServer).group("ledger")
                         .subscribe("OrderEvents", "*").startFrom(StartPosition.FIRST)
                         .orderlyListener(message -> applyToLedger(ledger, message)
                                 ? OrderlyResult.SUCCESS : OrderlyResult.SUSPEND)
                         .build()) {
                producer.send(Message.of("OrderEvents", "paid".getBytes(UTF_8)).tags("paid"));
                // Other examples of this class send to OrderEvents too: look for this example's two messages.
                Await.until("both messages", Duration.ofSeconds(30),
                        () -> seen.containsAll(Set.of("warm-up", "paid")) && ledger.containsAll(Set.of("warm-up", "paid")));
            }
            try (PullConsumer consumer = PullConsumer.builder().nameServers(nameServer).group("auditors")
                    .startFrom(StartPosition.FIRST).build()) {
                consumer.subscribe("OrderEvents", "*");
                List<MessageView> messages = new ArrayList<>();
                Await.until("the two messages polled", Duration.ofSeconds(30), () -> {
                    messages.addAll(consumer.poll(Duration.ofSeconds(1)));
                    return messages.size() >= 2;
                });
                consumer.commit();
                consumer.seekToBegin(consumer.assignment().iterator().next());
            }
        }
        assertTrue(seen.containsAll(Set.of("warm-up", "paid")), seen.toString());
    }
}
