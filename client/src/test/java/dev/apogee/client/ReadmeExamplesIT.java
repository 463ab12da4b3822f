package dev.apogee.client;

import static dev.apogee.client.producer.TransactionState.COMMIT;
import static dev.apogee.client.producer.TransactionState.ROLLBACK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.OrderlyResult;
import dev.apogee.client.consumer.PullConsumer;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.producer.SendStatus;
import dev.apogee.client.producer.ShardingKeySelector;
import dev.apogee.client.producer.TransactionProducer;
import dev.apogee.client.producer.TransactionSendResult;
import java.nio.file.Path;
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
                         .orderlyListener(message -> ledger.add(new String(message.body(), UTF_8))
                                 ? OrderlyResult.SUCCESS : OrderlyResult.SUSPEND)
                         .build()) {
                producer.send(Message.of("OrderEvents", "paid".getBytes(UTF_8)).tags("paid"));
                Await.until("both messages", Duration.ofSeconds(30), () -> seen.size() == 2 && ledger.size() == 2);
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
        assertEquals(Set.of("warm-up", "paid"), seen);
    }
}
