package dev.apogee.client;

import static dev.apogee.client.producer.TransactionState.COMMIT;
import static dev.apogee.client.producer.TransactionState.ROLLBACK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.auth.Credentials;
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
}
