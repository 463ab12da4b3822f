package dev.apogee.client.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.ClientException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.message.Message;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer and a pop consumer, built once, keep working while every broker restarts on its port and
 * data: their connections drop and are opened again (after the connect backoff), nothing is rebuilt.
 */
@Timeout(60)
class BrokerRestartIT {

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, 2, config -> config);
        try (AdminClient admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build()) {
            admin.topics().createOrUpdate(cluster.brokerConfig(0).clusterName(), TopicSpec.of("RestartTopic", 2));
            Await.until("a route of RestartTopic over both brokers", () -> {
                try {
                    return admin.topics().route("RestartTopic").masters().size() == 2;
                } catch (ClientException e) {
                    return false;
                }
            });
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Set<String> sendAll(Producer producer, int count, String prefix) {
        Set<String> ids = new HashSet<>();
        Set<String> brokers = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SendResult sent = producer.send(Message.of("RestartTopic", (prefix + i).getBytes(UTF_8)));
            ids.add(sent.messageId());
            brokers.add(sent.queue().brokerName());
        }
        assertEquals(Set.of("broker-a", "broker-b"), brokers, "sent to both brokers");
        return ids;
    }

    private static Set<String> receiveAll(PopConsumer consumer, int count) {
        Set<String> received = new HashSet<>();
        Await.until(count + " messages", Duration.ofSeconds(15), () -> {
            List<ReceivedMessage> batch = consumer.receive("RestartTopic", FilterExpression.ALL, 8,
                    Duration.ofSeconds(30), Duration.ofMillis(200));
            batch.forEach(consumer::ack);
            batch.forEach(message -> received.add(message.messageId()));
            return received.size() >= count;
        });
        return received;
    }

    @Test
    void aProducerAndAPopConsumerKeepWorkingAcrossRestartsOfEveryBroker() throws Exception {
        try (Producer producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("restart-producer")
                .runtimeOptions(runtime -> runtime.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                .build();
             PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress())
                     .group("restart-consumer")
                     .runtimeOptions(runtime -> runtime.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                     .build()) {
            Set<String> before = sendAll(producer, 6, "before ");
            assertEquals(before, receiveAll(consumer, 6));

            cluster.restartAll();
            // No other broker to fail over to: the first sends after the restart must reconnect.
            Set<String> after = sendAll(producer, 6, "after ");
            assertEquals(after, receiveAll(consumer, 6), "received and acked through new connections");

            cluster.restartBroker(1);
            Set<String> again = sendAll(producer, 6, "again ");
            assertEquals(again, receiveAll(consumer, 6));
        }
    }
}
