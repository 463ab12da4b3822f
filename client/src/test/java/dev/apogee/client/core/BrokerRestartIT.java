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
import dev.apogee.client.producer.BrokerFaults;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * Sends until each broker stored at least {@code perBroker} messages (none may fail); their ids. Right
     * after a restart a broker may still be avoided for a moment (the connect that failed while it was
     * down), so the other takes the first sends.
     */
    private static Set<String> sendToBoth(Producer producer, int perBroker, String prefix) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> brokers = new HashMap<>();
        Await.until(perBroker + " messages on each broker", Duration.ofSeconds(15), () -> {
            SendResult sent = producer.send(Message.of("RestartTopic", (prefix + ids.size()).getBytes(UTF_8)));
            ids.add(sent.messageId());
            brokers.merge(sent.queue().brokerName(), 1, Integer::sum);
            return brokers.size() == 2 && brokers.values().stream().allMatch(count -> count >= perBroker);
        });
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
                .faultAvoidance(new BrokerFaults.Policy(Duration.ofMillis(550), 3, Duration.ofSeconds(1),
                        Duration.ofSeconds(5)))
                .build();
             PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress())
                     .group("restart-consumer")
                     .runtimeOptions(runtime -> runtime.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)))
                     .build()) {
            Set<String> before = sendToBoth(producer, 3, "before ");
            assertEquals(before, receiveAll(consumer, before.size()));

            cluster.restartAll();
            // Both brokers were down at once: the sends after the restart must reconnect.
            Set<String> after = sendToBoth(producer, 3, "after ");
            assertEquals(after, receiveAll(consumer, after.size()), "received and acked through new connections");

            cluster.restartBroker(1);
            Set<String> again = sendToBoth(producer, 3, "again ");
            assertEquals(again, receiveAll(consumer, again.size()));
        }
    }
}
