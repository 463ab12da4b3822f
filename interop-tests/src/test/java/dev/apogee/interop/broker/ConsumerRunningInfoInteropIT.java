package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.body.ProcessQueueInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET_CONSUMER_RUNNING_INFO across implementations: the official admin asks Apogee's consumer, and Apogee's
 * admin asks the official consumer, both through Apogee's broker. The answer names the queues the client
 * holds, which is how an admin tells which client reads which queue.
 */
@Timeout(120)
class ConsumerRunningInfoInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void sendOne(String topic) throws Exception {
        cluster.producer("running-info-producer-" + topic)
                .send(new Message(topic, "tag", "k", "hello".getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    @Test
    void theOfficialAdminReadsApogeesConsumer() throws Exception {
        sendOne("InfoOfOurs");
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        DefaultMQAdminExt admin = new DefaultMQAdminExt("running-info-admin");
        admin.setNamesrvAddr(cluster.namesrvAddress());
        admin.setInstanceName("running-info-admin-" + System.nanoTime());
        admin.start();
        try (PushConsumer ours = PushConsumer.builder().nameServers(cluster.namesrvAddress()).group("info-ours")
                .subscribe("InfoOfOurs", "*").startFrom(StartPosition.FIRST).rebalanceInterval(Duration.ofSeconds(1))
                .listener(m -> {
                    consumed.add(new String(m.body(), StandardCharsets.UTF_8));
                    return ConsumeResult.SUCCESS;
                }).build()) {
            EmbeddedCluster.await(() -> consumed.contains("hello"), 30_000, "our consumer runs");
            String clientId = admin.examineConsumerConnectionInfo("info-ours").getConnectionSet().iterator().next()
                    .getClientId();

            ConsumerRunningInfo info = admin.getConsumerRunningInfo("info-ours", clientId, true);
            Set<String> held = info.getMqTable().keySet().stream()
                    .map(mq -> mq.getTopic() + "/" + mq.getQueueId()).collect(Collectors.toSet());
            assertTrue(held.containsAll(Set.of("InfoOfOurs/0", "InfoOfOurs/1", "InfoOfOurs/2", "InfoOfOurs/3")),
                    "the queues our consumer holds: " + held);
            assertTrue(held.contains("%RETRY%info-ours/0"), "and its retry topic's: " + held);
            ProcessQueueInfo queues = info.getMqTable().entrySet().stream()
                    .filter(e -> e.getKey().getTopic().equals("InfoOfOurs")).map(java.util.Map.Entry::getValue)
                    .filter(q -> q.getCommitOffset() == 1).findFirst().orElseThrow(
                            () -> new AssertionError("no queue with the consumed message's offset: " + info.getMqTable()));
            assertTrue(queues.getLastPullTimestamp() > 0, "pulled: " + queues);
            assertEquals("info-ours", info.getProperties().getProperty("consumerGroup"));
            assertEquals("CONSUME_PASSIVELY", info.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE));
            assertTrue(info.getSubscriptionSet().stream().anyMatch(s -> s.getTopic().equals("InfoOfOurs")),
                    "subscriptions: " + info.getSubscriptionSet());
            assertTrue(info.getJstack() != null && info.getJstack().contains("apogee-consumer-info-ours"),
                    "a thread dump with the consumer's threads");
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void apogeesAdminReadsTheOfficialConsumer() throws Exception {
        sendOne("InfoOfTheirs");
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer theirs = cluster.pushConsumer("info-theirs", "InfoOfTheirs", "*",
                (MessageListenerConcurrently) (messages, context) -> {
                    messages.forEach(m -> consumed.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        try (AdminClient admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build()) {
            EmbeddedCluster.await(() -> consumed.contains("hello"), 30_000, "the official consumer runs");
            String clientId = admin.groups().connections("info-theirs").connections().get(0).clientId();

            dev.apogee.remoting.protocol.body.ConsumerRunningInfo info =
                    admin.groups().runningInfo("info-theirs", clientId, false);
            Set<String> held = info.mqTable().keySet().stream().map(mq -> mq.topic() + "/" + mq.queueId())
                    .collect(Collectors.toSet());
            assertTrue(held.containsAll(Set.of("InfoOfTheirs/0", "InfoOfTheirs/1", "InfoOfTheirs/2", "InfoOfTheirs/3")),
                    "the queues the official consumer holds: " + held);
            assertEquals("CONSUME_PASSIVELY", info.properties().get(ConsumerRunningInfo.PROP_CONSUME_TYPE));
            assertTrue(info.subscriptionSet().stream().anyMatch(s -> s.topic().equals("InfoOfTheirs")),
                    "subscriptions: " + info.subscriptionSet());
            assertTrue(info.statusTable().containsKey("InfoOfTheirs"), "the official client's figures: "
                    + info.statusTable());

            BrokerRefusedException unknown = assertThrows(BrokerRefusedException.class,
                    () -> admin.groups().runningInfo("info-theirs", "no-such-client@1", false));
            assertTrue(unknown.getMessage().contains("not online"), unknown.getMessage());
        } finally {
            theirs.shutdown();
        }
    }
}
