package dev.apogee.interop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.Closer;
import dev.apogee.interop.fixture.EmbeddedCluster;
import dev.apogee.interop.fixture.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two name servers and two brokers of one cluster, each its own process: the official producer
 * spreads a topic over both brokers and keeps sending when one stops; one consumer group gets every
 * message from both; a name server stopping changes nothing for clients that know the other.
 */
@Timeout(240)
class ClusterInteropIT {

    @TempDir
    Path dir;

    private final Closer started = new Closer();

    @AfterEach
    void stopAll() throws Exception {
        started.close();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        return started.add(resource);
    }

    private DefaultMQPushConsumer consumer(String nameServers, String instance, Set<String> received) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("cluster-consumers");
        consumer.setNamesrvAddr(nameServers);
        consumer.setInstanceName(instance);
        consumer.setPollNameServerInterval(1_000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("Spread", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                received.add(new String(message.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closing(consumer::shutdown);
        return consumer;
    }

    /** A JVM that ran its shutdown hooks on SIGTERM exits with 128 + 15. */
    private static void assertStoppedBySignal(int exitCode, ServerProcess server) {
        assertEquals(143, exitCode, "stopped by SIGTERM, not by a crash:\n" + server.output());
    }

    @Test
    void aTopicSpreadOverTwoBrokersSurvivesLosingABrokerAndANameServer() throws Exception {
        ServerProcess namesrvA = closing(ServerProcess.namesrv("namesrv-a", dir.resolve("ns-a"), 0));
        ServerProcess namesrvB = closing(ServerProcess.namesrv("namesrv-b", dir.resolve("ns-b"), 0));
        String nameServers = namesrvA.address() + ";" + namesrvB.address();
        ServerProcess brokerA = closing(ServerProcess.broker("broker-a", "TwoBrokers", nameServers, dir.resolve("a"), 0));
        ServerProcess brokerB = closing(ServerProcess.broker("broker-b", "TwoBrokers", nameServers, dir.resolve("b"), 0));

        DefaultMQProducer producer = new DefaultMQProducer("cluster-producer");
        producer.setNamesrvAddr(nameServers);
        producer.setInstanceName("cluster-producer-" + System.nanoTime());
        producer.setPollNameServerInterval(1_000);
        producer.setSendLatencyFaultEnable(true);
        producer.start();
        closing(producer::shutdown);

        Set<String> received = ConcurrentHashMap.newKeySet();
        consumer(nameServers, "consumer-1", received);
        consumer(nameServers, "consumer-2", received);

        Set<String> brokersUsed = new HashSet<>();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            SendResult result = producer.send(new Message("Spread", ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            brokersUsed.add(result.getMessageQueue().getBrokerName());
            sent.add("m" + i);
        }
        assertEquals(Set.of("broker-a", "broker-b"), brokersUsed, "sends spread over both brokers");
        EmbeddedCluster.await(() -> received.containsAll(sent), 60_000,
                "one group got every message from both brokers: " + (sent.size() - received.size()) + " missing");

        assertStoppedBySignal(brokerB.stop(), brokerB);
        for (int i = 200; i < 300; i++) {
            SendResult result = producer.send(new Message("Spread", ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus(), "sends go on with one broker");
            assertEquals("broker-a", result.getMessageQueue().getBrokerName());
            sent.add("m" + i);
        }
        EmbeddedCluster.await(() -> received.containsAll(sent), 60_000, "consumed from the remaining broker");

        assertStoppedBySignal(namesrvA.stop(), namesrvA);
        for (int i = 300; i < 350; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(new Message("Spread",
                    ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000).getSendStatus());
            sent.add("m" + i);
        }
        EmbeddedCluster.await(() -> received.containsAll(sent), 60_000, "the running group carries on");
        // Route changes still reach the clients through the name server left: broker-b comes back
        // (registering with both; one is gone) and the producer spreads over it again.
        closing(ServerProcess.broker("broker-b", "TwoBrokers", nameServers, dir.resolve("b"), 0));
        long deadline = System.currentTimeMillis() + 60_000;
        boolean backOnB = false;
        for (int i = 350; !backOnB; i++) {
            assertTrue(System.currentTimeMillis() < deadline, "the producer never sent to the restarted broker-b");
            SendResult result = producer.send(new Message("Spread", ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            backOnB = result.getMessageQueue().getBrokerName().equals("broker-b");
            sent.add("m" + i);
            Thread.sleep(20);
        }
        EmbeddedCluster.await(() -> received.containsAll(sent), 60_000, "the group reads both brokers again");
        assertTrue(brokerA.output().contains("listening on"), brokerA.output());
    }
}
