package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.body.CMResult;
import org.apache.rocketmq.remoting.protocol.body.ConsumeMessageDirectlyResult;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin requests about one consumer, relayed by the broker to it: its running info
 * (mqadmin consumerStatus) and consuming one given message directly (mqadmin consumeMessage).
 */
@Timeout(120)
class BrokerConsumerRelayInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        admin = new DefaultMQAdminExt("interop-relay-admin");
        admin.setNamesrvAddr(cluster.namesrvAddress());
        admin.setInstanceName("interop-relay-admin-" + System.nanoTime());
        admin.start();
    }

    @AfterEach
    void stop() {
        admin.shutdown();
        cluster.close();
    }

    @Test
    void runningInfoAndDirectConsumptionReachTheConsumer() throws Exception {
        SendResult sent = cluster.producer("interop-relay-producer")
                .send(new Message("Relay", "tag", "relay-key", "relayed".getBytes(StandardCharsets.UTF_8)), 10_000);
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = cluster.pushConsumer("interop-relay", "Relay", "*",
                (MessageListenerConcurrently) (messages, context) -> {
                    messages.forEach(m -> consumed.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        EmbeddedCluster.await(() -> consumed.contains("relayed"), 30_000, "the consumer runs");
        String clientId = admin.examineConsumerConnectionInfo("interop-relay").getConnectionSet().iterator().next()
                .getClientId();

        ConsumerRunningInfo info = admin.getConsumerRunningInfo("interop-relay", clientId, false);
        assertTrue(info.getSubscriptionSet().stream().anyMatch(s -> s.getTopic().equals("Relay")),
                "the consumer's own subscriptions: " + info.getSubscriptionSet());
        assertEquals("CONSUME_PASSIVELY", info.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE));

        consumed.clear();
        ConsumeMessageDirectlyResult direct = admin.consumeMessageDirectly("interop-relay", clientId, "Relay",
                sent.getOffsetMsgId());
        assertEquals(CMResult.CR_SUCCESS, direct.getConsumeResult(), String.valueOf(direct));
        assertTrue(consumed.contains("relayed"), "the listener consumed it again");
        consumer.shutdown();
    }
}
