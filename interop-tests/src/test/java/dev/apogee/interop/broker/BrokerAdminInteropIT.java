package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.body.ProducerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official 5.5.0 admin tool ({@code DefaultMQAdminExt}, what {@code mqadmin} runs) against an
 * Apogee broker: topics, subscription groups, consume statistics and connections, offset resets,
 * runtime statistics and broker settings.
 */
@Timeout(180)
class BrokerAdminInteropIT {

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;
    private DefaultMQAdminExt admin;
    private String brokerAddr;
    private String clusterName;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
        admin = new DefaultMQAdminExt("interop-admin");
        admin.setNamesrvAddr(cluster.namesrvAddress());
        admin.setInstanceName("interop-admin-" + System.nanoTime());
        admin.start();
        EmbeddedCluster.await(() -> clusterInfo() != null, 10_000, "the broker never showed in the cluster info");
        ClusterInfo info = clusterInfo();
        clusterName = info.getClusterAddrTable().keySet().iterator().next();
        brokerAddr = info.getBrokerAddrTable().values().iterator().next().selectBrokerAddr();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void topicsAreCreatedExaminedCountedAndDeleted() throws Exception {
        assertEquals(cluster.broker().address(), brokerAddr);
        TopicConfig config = new TopicConfig("AdminTopic", 3, 3);
        config.setOrder(false);
        admin.createAndUpdateTopicConfig(brokerAddr, config);

        TopicConfig examined = admin.examineTopicConfig(brokerAddr, "AdminTopic");
        assertEquals(3, examined.getReadQueueNums());
        assertEquals(3, examined.getWriteQueueNums());
        assertTrue(admin.getAllTopicConfig(brokerAddr, 5_000).getTopicConfigTable().containsKey("AdminTopic"));
        EmbeddedCluster.await(() -> topicListed("AdminTopic"), 10_000, "the new topic was never listed");

        DefaultMQProducer producer = cluster.producer("interop-admin-topic-producer");
        for (int i = 0; i < 6; i++) {
            producer.send(new Message("AdminTopic", ("m" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
        }
        // Sends are acknowledged when stored; the queues count them a moment later (dispatch).
        EmbeddedCluster.await(() -> storedIn("AdminTopic") == 6, 10_000, "the queues hold the six messages");
        TopicStatsTable stats = admin.examineTopicStats("AdminTopic");
        assertEquals(3, stats.getOffsetTable().size());
        long stored = 0;
        for (Map.Entry<MessageQueue, TopicOffset> entry : stats.getOffsetTable().entrySet()) {
            assertEquals("AdminTopic", entry.getKey().getTopic());
            assertEquals(cluster.broker().config().brokerName(), entry.getKey().getBrokerName());
            stored += entry.getValue().getMaxOffset() - entry.getValue().getMinOffset();
            if (entry.getValue().getMaxOffset() > 0) {
                assertTrue(entry.getValue().getLastUpdateTimestamp() > 0);
            }
        }
        assertEquals(6, stored);

        admin.deleteTopic("AdminTopic", clusterName);
        EmbeddedCluster.await(() -> !routeExists("AdminTopic"), 10_000, "the deleted topic still has a route");
        MQBrokerException gone = assertThrows(MQBrokerException.class,
                () -> admin.examineTopicConfig(brokerAddr, "AdminTopic"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, gone.getResponseCode());
    }

    @Test
    void invalidAndSystemTopicsAreRefused() {
        MQClientException system = assertThrows(MQClientException.class,
                () -> admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig("SCHEDULE_TOPIC_XXXX", 1, 1)));
        assertEquals(ResponseCode.INVALID_PARAMETER, system.getResponseCode());
        MQClientException reserved = assertThrows(MQClientException.class,
                () -> admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig(clusterName, 1, 1)));
        assertEquals(ResponseCode.INVALID_PARAMETER, reserved.getResponseCode());
    }

    @Test
    void subscriptionGroupsAreCreatedExaminedAndSurviveARestart() throws Exception {
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName("interop-admin-group");
        config.setRetryMaxTimes(3);
        config.setConsumeEnable(false);
        admin.createAndUpdateSubscriptionGroupConfig(brokerAddr, config);

        SubscriptionGroupConfig examined = admin.examineSubscriptionGroupConfig(brokerAddr, "interop-admin-group");
        assertEquals(3, examined.getRetryMaxTimes());
        assertFalse(examined.isConsumeEnable());

        cluster.restartBroker();
        SubscriptionGroupConfig reloaded = admin.examineSubscriptionGroupConfig(brokerAddr, "interop-admin-group");
        assertNotNull(reloaded);
        assertEquals(3, reloaded.getRetryMaxTimes());
        assertFalse(reloaded.isConsumeEnable());
    }

    @Test
    void consumeStatsConnectionsAndAResetByTime() throws Exception {
        admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig("AdminConsumed", 2, 2));
        EmbeddedCluster.await(() -> routeExists("AdminConsumed"), 10_000, "no route for the new topic");
        DefaultMQProducer producer = cluster.producer("interop-admin-producer");
        long beforeFirst = System.currentTimeMillis() - 1_000;
        for (int i = 0; i < 10; i++) {
            producer.send(new Message("AdminConsumed", ("c" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
        }
        AtomicInteger deliveries = new AtomicInteger();
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = cluster.pushConsumer("interop-admin-consumer", "AdminConsumed", "*",
                (MessageListenerConcurrently) (messages, context) -> {
                    messages.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                    deliveries.addAndGet(messages.size());
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        assertNotNull(consumer);
        EmbeddedCluster.await(() -> bodies.size() == 10, 30_000, "the consumer did not get every message");
        EmbeddedCluster.await(() -> lag("interop-admin-consumer", "AdminConsumed") == 0, 30_000,
                "the group's lag never reached 0");
        ConsumeStats stats = admin.examineConsumeStats("interop-admin-consumer");
        assertTrue(stats.getOffsetTable().keySet().stream().anyMatch(q -> q.getTopic().equals("AdminConsumed")));
        assertTrue(stats.getOffsetTable().values().stream().anyMatch(o -> o.getLastTimestamp() > 0));

        ConsumerConnection connection = admin.examineConsumerConnectionInfo("interop-admin-consumer");
        assertEquals(1, connection.getConnectionSet().size());
        Connection member = connection.getConnectionSet().iterator().next();
        assertEquals("JAVA", member.getLanguage().name());
        assertTrue(member.getVersion() > 0);
        assertTrue(member.getClientAddr().startsWith("127.0.0.1:"));
        assertEquals(ConsumeType.CONSUME_PASSIVELY, connection.getConsumeType());
        assertTrue(connection.getSubscriptionTable().containsKey("AdminConsumed"));

        ProducerConnection producers = admin.examineProducerConnectionInfo("interop-admin-producer", "AdminConsumed");
        assertEquals(1, producers.getConnectionSet().size());
        assertTrue(admin.queryTopicConsumeByWho("AdminConsumed").getGroupList().contains("interop-admin-consumer"));
        assertNotNull(admin.examineSubscriptionGroupConfig(brokerAddr, "interop-admin-consumer"),
                "the group's first heartbeat creates its subscription group");

        Map<MessageQueue, Long> reset = admin.resetOffsetByTimestamp("AdminConsumed", "interop-admin-consumer",
                beforeFirst, true);
        assertEquals(2, reset.size());
        reset.values().forEach(offset -> assertEquals(0L, offset));
        // The consumer pauses 10 s after a reset notice before it pulls from the new offsets.
        EmbeddedCluster.await(() -> deliveries.get() >= 20, 60_000, "the reset group did not get its messages again");
    }

    @Test
    void runtimeStatisticsCountPutsAndGets() throws Exception {
        DefaultMQProducer producer = cluster.producer("interop-admin-stats-producer");
        for (int i = 0; i < 5; i++) {
            producer.send(new Message("AdminStats", ("s" + i).getBytes(StandardCharsets.UTF_8)), 10_000);
        }
        KVTable table = admin.fetchBrokerRuntimeStats(brokerAddr);
        Map<String, String> kv = table.getTable();
        assertEquals("5", kv.get("msgPutTotalTodayNow"));
        for (String key : new String[] {"putTps", "getTransferredTps", "msgGetTotalTodayNow", "msgPutTotalTodayMorning",
            "msgPutTotalYesterdayMorning", "msgGetTotalTodayMorning", "msgGetTotalYesterdayMorning", "brokerVersionDesc",
            "bootTimestamp", "commitLogDiskRatio", "commitLogMinOffset", "commitLogMaxOffset", "dispatchBehindBytes",
            "earliestMessageTimeStamp"}) {
            assertNotNull(kv.get(key), key);
        }
        assertTrue(Long.parseLong(kv.get("commitLogMaxOffset")) > 0);
        assertTrue(Long.parseLong(kv.get("earliestMessageTimeStamp")) > 0);
        EmbeddedCluster.await(() -> putTps() > 0, 5_000, "the put rate never showed the sends: "
                + admin.fetchBrokerRuntimeStats(brokerAddr).getTable());
    }

    @Test
    void brokerConfigIsReadAndOnlySafeKeysCanChange() throws Exception {
        Properties config = admin.getBrokerConfig(brokerAddr);
        assertEquals(cluster.broker().config().brokerName(), config.getProperty("brokerName"));
        assertEquals("true", config.getProperty("autoCreateTopicEnable"));

        for (String unsafe : new String[] {"storePathRootDir", "rocketmqHome", "brokerConfigPath", "namesrvAddr",
            "aclEnable", "storePathCommitLog"}) {
            Properties update = new Properties();
            update.setProperty(unsafe, "/tmp/elsewhere");
            MQBrokerException refused = assertThrows(MQBrokerException.class,
                    () -> admin.updateBrokerConfig(brokerAddr, update), unsafe);
            assertEquals(ResponseCode.NO_PERMISSION, refused.getResponseCode(), unsafe);
        }
        Properties mixed = new Properties();
        mixed.setProperty("autoCreateTopicEnable", "false");
        mixed.setProperty("storePathRootDir", "/tmp/elsewhere");
        assertThrows(MQBrokerException.class, () -> admin.updateBrokerConfig(brokerAddr, mixed));
        assertEquals("true", admin.getBrokerConfig(brokerAddr).getProperty("autoCreateTopicEnable"),
                "a refused update changes nothing");
        assertEquals(cluster.broker().config().dataDir().toAbsolutePath().toString(),
                admin.getBrokerConfig(brokerAddr).getProperty("storePathRootDir"));

        Properties safe = new Properties();
        safe.setProperty("autoCreateTopicEnable", "false");
        admin.updateBrokerConfig(brokerAddr, safe);
        assertEquals("false", admin.getBrokerConfig(brokerAddr).getProperty("autoCreateTopicEnable"));
        DefaultMQProducer producer = cluster.producer("interop-admin-config-producer");
        assertThrows(MQClientException.class, () -> producer.send(
                new Message("NeverAutoCreated", "x".getBytes(StandardCharsets.UTF_8)), 5_000));
    }

    private ClusterInfo clusterInfo() {
        try {
            ClusterInfo info = admin.examineBrokerClusterInfo();
            return info.getBrokerAddrTable().isEmpty() ? null : info;
        } catch (Exception e) {
            return null;
        }
    }

    private boolean topicListed(String topic) {
        try {
            return admin.fetchAllTopicList().getTopicList().contains(topic);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean routeExists(String topic) {
        try {
            return !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The group's total lag, or -1 until its stats cover {@code topic}. */
    private long lag(String group, String topic) {
        try {
            ConsumeStats stats = admin.examineConsumeStats(group);
            boolean covered = stats.getOffsetTable().keySet().stream().anyMatch(q -> q.getTopic().equals(topic));
            return covered ? stats.computeTotalDiff() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private double putTps() {
        try {
            return Double.parseDouble(admin.fetchBrokerRuntimeStats(brokerAddr).getTable().get("putTps"));
        } catch (Exception e) {
            return 0;
        }
    }

    private long storedIn(String topic) {
        long stored = 0;
        for (int queue = 0; queue < 16; queue++) {
            stored += Math.max(0, cluster.broker().store().maxOffset(topic, queue));
        }
        return stored;
    }
}
