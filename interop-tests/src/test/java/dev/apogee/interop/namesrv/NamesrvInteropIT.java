package dev.apogee.interop.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apogee's name server as the official 5.5.0 artifacts see it: a broker registers through the
 * official remoting classes, and the official admin tool, producer and lite-pull consumer read
 * routes, cluster info, topic lists and KV config from it.
 */
@Timeout(60)
class NamesrvInteropIT {

    private static final String CLUSTER = "ApogeeCluster";
    private static final String BROKER = "broker-a";
    private static final int READ_WRITE = 6;
    private static final int READ_ONLY = 4;

    @TempDir
    Path dataDir;

    private NamesrvServer namesrv;
    private String namesrvAddr;
    private String brokerAddr;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dataDir));
        namesrv.start();
        namesrvAddr = "127.0.0.1:" + namesrv.port();
        // Nothing listens at the registered broker address: clients that try to reach it just fail.
        try (ServerSocket free = new ServerSocket(0)) {
            brokerAddr = "127.0.0.1:" + free.getLocalPort();
        }
        admin = new DefaultMQAdminExt("interop-admin");
        admin.setNamesrvAddr(namesrvAddr);
        admin.setInstanceName("interop-admin-" + System.nanoTime());
        admin.start();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private OfficialBrokerStub broker() {
        return new OfficialBrokerStub(namesrvAddr, CLUSTER, BROKER, brokerAddr)
                .topic("OrderEvents", 4, READ_WRITE)
                .topic("PaymentEvents", 2, READ_WRITE);
    }

    @Test
    void registeredBrokerIsVisibleToTheOfficialAdminTool() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            RemotingCommand response = broker.register(false, null);
            assertEquals(ResponseCode.SUCCESS, response.getCode(), response.getRemark());

            ClusterInfo cluster = admin.examineBrokerClusterInfo();
            assertEquals(Set.of(BROKER), cluster.getClusterAddrTable().get(CLUSTER));
            BrokerData brokerData = cluster.getBrokerAddrTable().get(BROKER);
            assertEquals(CLUSTER, brokerData.getCluster());
            assertEquals(brokerAddr, brokerData.getBrokerAddrs().get(0L));

            TopicRouteData route = admin.examineTopicRouteInfo("OrderEvents");
            assertEquals(1, route.getQueueDatas().size());
            QueueData queues = route.getQueueDatas().get(0);
            assertEquals(BROKER, queues.getBrokerName());
            assertEquals(4, queues.getReadQueueNums());
            assertEquals(4, queues.getWriteQueueNums());
            assertEquals(READ_WRITE, queues.getPerm());
            assertEquals(brokerAddr, route.getBrokerDatas().get(0).getBrokerAddrs().get(0L));

            TopicList all = admin.fetchAllTopicList();
            assertTrue(all.getTopicList().containsAll(List.of("OrderEvents", "PaymentEvents")), all.getTopicList().toString());
            TopicList byCluster = admin.fetchTopicsByCLuster(CLUSTER);
            assertTrue(byCluster.getTopicList().containsAll(List.of("OrderEvents", "PaymentEvents")),
                    byCluster.getTopicList().toString());
        }
    }

    @Test
    void unknownTopicAnswersTopicNotExist() {
        MQClientException failure = assertThrows(MQClientException.class, () -> admin.examineTopicRouteInfo("NoSuchTopic"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, failure.getResponseCode());
    }

    @Test
    void officialProducerAndConsumerResolveQueuesFromTheRoute() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());

            DefaultMQProducer producer = new DefaultMQProducer("interop-producer");
            producer.setNamesrvAddr(namesrvAddr);
            producer.setInstanceName("interop-producer-" + System.nanoTime());
            producer.start();
            try {
                List<MessageQueue> writable = producer.fetchPublishMessageQueues("OrderEvents");
                assertEquals(4, writable.size());
                assertTrue(writable.stream().allMatch(q -> q.getBrokerName().equals(BROKER)
                        && q.getTopic().equals("OrderEvents")));
            } finally {
                producer.shutdown();
            }

            DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("interop-consumer");
            consumer.setNamesrvAddr(namesrvAddr);
            consumer.setInstanceName("interop-consumer-" + System.nanoTime());
            consumer.start();
            try {
                Collection<MessageQueue> readable = consumer.fetchMessageQueues("PaymentEvents");
                assertEquals(2, readable.size());
            } finally {
                consumer.shutdown();
            }
        }
    }

    @Test
    void compressedRegistrationIsUnderstood() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            RemotingCommand response = broker.register(true, null);
            assertEquals(ResponseCode.SUCCESS, response.getCode(), response.getRemark());
            TopicRouteData route = admin.examineTopicRouteInfo("PaymentEvents");
            assertEquals(2, route.getQueueDatas().get(0).getWriteQueueNums());
        }
    }

    @Test
    void registrationWithWrongBodyCrcIsRefused() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            RemotingCommand response = broker.registerWithBadCrc();
            assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
            assertFalse(admin.examineBrokerClusterInfo().getBrokerAddrTable().containsKey(BROKER));
        }
    }

    @Test
    void writePermissionCanBeWipedAndRestored() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());

            assertEquals(2, admin.wipeWritePermOfBroker(namesrvAddr, BROKER));
            assertEquals(READ_ONLY, admin.examineTopicRouteInfo("OrderEvents").getQueueDatas().get(0).getPerm());

            assertEquals(2, admin.addWritePermOfBroker(namesrvAddr, BROKER));
            assertEquals(READ_WRITE, admin.examineTopicRouteInfo("OrderEvents").getQueueDatas().get(0).getPerm());
        }
    }

    @Test
    void topicCanBeDeletedFromTheNameServer() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());
            admin.deleteTopicInNameServer(Set.of(namesrvAddr), "OrderEvents");
            MQClientException failure = assertThrows(MQClientException.class,
                    () -> admin.examineTopicRouteInfo("OrderEvents"));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, failure.getResponseCode());
            assertEquals(2, admin.examineTopicRouteInfo("PaymentEvents").getQueueDatas().get(0).getReadQueueNums());
        }
    }

    @Test
    void kvConfigRoundTripsThroughTheOfficialAdminTool() throws Exception {
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "OrderEvents", "broker-a:4");
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "PaymentEvents", "broker-a:2");
        assertEquals("broker-a:4", admin.getKVConfig("ORDER_TOPIC_CONFIG", "OrderEvents"));

        KVTable table = admin.getKVListByNamespace("ORDER_TOPIC_CONFIG");
        assertEquals(Map.of("OrderEvents", "broker-a:4", "PaymentEvents", "broker-a:2"), table.getTable());

        admin.deleteKvConfig("ORDER_TOPIC_CONFIG", "PaymentEvents");
        MQClientException missing = assertThrows(MQClientException.class,
                () -> admin.getKVConfig("ORDER_TOPIC_CONFIG", "PaymentEvents"));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, missing.getResponseCode());
    }

    @Test
    void orderTopicConfigAppearsInTheRoute() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());
            admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "OrderEvents", "broker-a:4");
            assertEquals("broker-a:4", admin.examineTopicRouteInfo("OrderEvents").getOrderTopicConf());
        }
    }

    @Test
    void nameServerConfigCanBeReadAndItsAllowListUpdated() throws Exception {
        Map<String, Properties> configs = admin.getNameServerConfig(List.of(namesrvAddr));
        Properties config = configs.get(namesrvAddr);
        assertEquals("true", config.getProperty("orderMessageEnable"));

        Properties change = new Properties();
        change.setProperty("orderMessageEnable", "false");
        admin.updateNameServerConfig(change, List.of(namesrvAddr));
        assertEquals("false", admin.getNameServerConfig(List.of(namesrvAddr)).get(namesrvAddr)
                .getProperty("orderMessageEnable"));

        Properties forbidden = new Properties();
        forbidden.setProperty("rocketmqHome", "/tmp/evil");
        assertThrows(Exception.class, () -> admin.updateNameServerConfig(forbidden, List.of(namesrvAddr)));
    }

    @Test
    void brokerThatStopsHeartbeatingExpires() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            // The broker states its own heartbeat timeout, as a 5.x broker may; the name server honours it.
            assertEquals(ResponseCode.SUCCESS, broker.register(false, 1_500L).getCode());
            assertTrue(admin.examineBrokerClusterInfo().getBrokerAddrTable().containsKey(BROKER));

            awaitTrue(() -> !brokerListed(), 20_000);
            MQClientException failure = assertThrows(MQClientException.class,
                    () -> admin.examineTopicRouteInfo("OrderEvents"));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, failure.getResponseCode());
        }
    }

    @Test
    void brokerWhoseConnectionClosesIsRemovedAtOnce() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());
            assertTrue(brokerListed());
            broker.disconnect();
            // Far below the 120 s expiry: the close itself removes the broker.
            awaitTrue(() -> !brokerListed(), 5_000);
        }
    }

    @Test
    void unregisteredBrokerDisappears() throws Exception {
        try (OfficialBrokerStub broker = broker()) {
            assertEquals(ResponseCode.SUCCESS, broker.register(false, null).getCode());
            assertEquals(ResponseCode.SUCCESS, broker.unregister().getCode());
            awaitTrue(() -> !brokerListed(), 5_000);
        }
    }

    private boolean brokerListed() {
        try {
            return admin.examineBrokerClusterInfo().getBrokerAddrTable().containsKey(BROKER);
        } catch (Exception e) {
            throw new AssertionError("cluster info request failed", e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + timeoutMillis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
