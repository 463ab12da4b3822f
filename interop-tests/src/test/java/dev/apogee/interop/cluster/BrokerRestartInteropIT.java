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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of consumption — stopped, or killed with SIGKILL — and comes
 * back on the same port and data: every acknowledged message is still there and the consumer
 * resumes from its committed offset and gets all of them (duplicates allowed, nothing lost).
 */
@Timeout(180)
class BrokerRestartInteropIT {

    private static final int MESSAGES = 400;

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

    @Test
    void aStoppedBrokerComesBackAndConsumptionResumes() throws Exception {
        restartMidConsumption(false);
    }

    @Test
    void aKilledBrokerComesBackWithEveryAcknowledgedMessage() throws Exception {
        restartMidConsumption(true);
    }

    private void restartMidConsumption(boolean kill) throws Exception {
        ServerProcess namesrv = closing(ServerProcess.namesrv("namesrv", dir.resolve("ns"), 0));
        ServerProcess broker = closing(ServerProcess.broker("broker-a", "Restart", namesrv.address(), dir.resolve("b"), 0));
        int port = broker.port();

        DefaultMQProducer producer = new DefaultMQProducer("restart-producer");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("restart-producer-" + System.nanoTime());
        producer.start();
        closing(producer::shutdown);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(new Message("Resume",
                    ("r" + i).getBytes(StandardCharsets.UTF_8)), 10_000).getSendStatus());
            sent.add("r" + i);
        }

        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        // The listener holds still from a quarter of the messages until the broker is down, so the restart
        // lands mid-consumption whatever the machine's pace (the stop itself may take seconds).
        CountDownLatch brokerDown = new CountDownLatch(1);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("restart-consumer");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("restart-consumer-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullBatchSize(8);
        consumer.setConsumeMessageBatchMaxSize(1);
        consumer.setConsumeThreadMin(1);
        consumer.setConsumeThreadMax(1);
        // Commit offsets often, so that a restart resumes close to where consumption was.
        consumer.setPersistConsumerOffsetInterval(500);
        // Few messages cached ahead, so that the rest must be pulled from the restarted broker.
        consumer.setPullThresholdForQueue(16);
        consumer.subscribe("Resume", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            deliveries.addAndGet(messages.size());
            if (received.size() >= MESSAGES / 4) {
                try {
                    brokerDown.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closing(consumer::shutdown);

        EmbeddedCluster.await(() -> received.size() >= MESSAGES / 4, 60_000, "consumption started");
        Thread.sleep(1_000);   // at least one offset commit
        if (kill) {
            broker.kill();
        } else {
            assertEquals(143, broker.stop(), broker.output());
        }
        int beforeRestart = received.size();
        assertTrue(beforeRestart < MESSAGES, "the restart came mid-consumption: " + beforeRestart);
        brokerDown.countDown();
        closing(ServerProcess.broker("broker-a", "Restart", namesrv.address(), dir.resolve("b"), port));

        EmbeddedCluster.await(() -> received.containsAll(sent), 90_000,
                "after the restart the consumer got everything: " + (MESSAGES - received.size()) + " missing");
        // Resumed from its committed offset, not from the start: few messages were delivered twice.
        int redelivered = deliveries.get() - MESSAGES;
        assertTrue(redelivered < MESSAGES / 2, "redelivered " + redelivered + " of " + beforeRestart + " seen before");
    }
}
