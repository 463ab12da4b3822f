package dev.apogee.namesrv.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RouteTableTest {

    private static final long EXPIRY = 120_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicBoolean deleteMissingTopics = new AtomicBoolean();
    private final RouteTable routes = new RouteTable(EXPIRY, now::get, deleteMissingTopics::get);
    private final EmbeddedChannel channelA = new EmbeddedChannel();
    private final EmbeddedChannel channelB = new EmbeddedChannel();

    @AfterEach
    void closeChannels() {
        channelA.finishAndReleaseAll();
        channelB.finishAndReleaseAll();
    }

    private static TopicConfigSerializeWrapper topics(long counter, TopicConfig... configs) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig config : configs) {
            table.put(config.topicName(), config);
        }
        return TopicConfigSerializeWrapper.of(table, new DataVersion(0, counter, counter));
    }

    private static BrokerRegistration registration(String cluster, String name, long id, String addr, Long timeout,
                                                   TopicConfigSerializeWrapper topics) {
        return new BrokerRegistration(cluster, addr, name, id, addr.replace(":10911", ":10912"), null, timeout, null,
                topics, List.of());
    }

    private RegistrationResult registerMaster(String name, String addr, Channel channel, TopicConfig... configs) {
        return routes.register(registration("c1", name, 0, addr, null, topics(1, configs)), channel);
    }

    private TopicRouteData route(String topic) {
        return routes.route(topic).orElseThrow(() -> new AssertionError("no route for " + topic));
    }

    @Test
    void registrationPublishesTheMastersTopics() {
        RegistrationResult result = registerMaster("broker-a", "h1:10911", channelA,
                TopicConfig.of("t1", 4, 4), TopicConfig.of("t2", 8, 2));

        assertTrue(result.accepted());
        assertNull(result.masterAddr());
        TopicRouteData route = route("t2");
        assertEquals(List.of(new QueueData("broker-a", 8, 2, TopicPerm.READ_WRITE, 0)), route.queueDatas());
        assertEquals(List.of(new BrokerData("c1", "broker-a", Map.of(0L, "h1:10911"), false, null)),
                route.brokerDatas());
        assertTrue(routes.route("unknown").isEmpty());
        assertEquals(Set.of("t1", "t2"), routes.allTopics().topicList());
    }

    @Test
    void twoGroupsServeOneTopic() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("x", 1, 1));
        registerMaster("broker-b", "h2:10911", channelB, TopicConfig.of("t", 2, 2), TopicConfig.of("y", 1, 1));

        TopicRouteData route = route("t");

        assertEquals(2, route.queueDatas().size());
        assertEquals(2, route.brokerDatas().size());
        assertEquals(Set.of("broker-a", "broker-b"), routes.clusterInfo().clusterAddrTable().get("c1"));
    }

    @Test
    void reRegistrationWithANewVersionUpdatesQueues() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 1, 1));

        routes.register(registration("c1", "broker-a", 0, "h1:10911", null,
                topics(2, TopicConfig.of("t", 16, 16), TopicConfig.of("u", 1, 1), TopicConfig.of("new", 2, 2))), channelA);

        assertEquals(16, route("t").queueDatas().get(0).writeQueueNums());
        assertEquals(2, route("new").queueDatas().get(0).readQueueNums());
        assertEquals(new DataVersion(0, 2, 2), routes.dataVersion("c1", "h1:10911"));
    }

    @Test
    void sameVersionDoesNotOverwriteAnAdminChange() {
        TopicConfigSerializeWrapper v1 = topics(1, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 1, 1));
        routes.register(registration("c1", "broker-a", 0, "h1:10911", null, v1), channelA);
        routes.wipeWritePerm("broker-a");

        routes.register(registration("c1", "broker-a", 0, "h1:10911", null, v1), channelA);

        assertEquals(TopicPerm.READ, route("t").queueDatas().get(0).perm());
    }

    @Test
    void droppedTopicsStayUnlessDeletionWithRegistrationIsOn() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("old", 1, 1));
        routes.register(registration("c1", "broker-a", 0, "h1:10911", null,
                topics(2, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 1, 1))), channelA);
        assertTrue(routes.route("old").isPresent());

        deleteMissingTopics.set(true);
        routes.register(registration("c1", "broker-a", 0, "h1:10911", null,
                topics(3, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 1, 1))), channelA);

        assertTrue(routes.route("old").isEmpty());
        assertTrue(routes.route("t").isPresent());
    }

    @Test
    void singleTopicRegistrationOfAnUnknownBrokerIsRefused() {
        RegistrationResult result = registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4));

        assertFalse(result.accepted());
        assertTrue(routes.route("t").isEmpty());
        // Once known, a single-topic increment is fine.
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 4, 4));
        assertTrue(registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("v", 1, 1)).accepted());
    }

    @Test
    void slaveLearnsItsMasterButPublishesNoTopics() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("u", 4, 4));

        RegistrationResult result = routes.register(registration("c1", "broker-a", 1, "h2:10911", null,
                topics(9, TopicConfig.of("t", 99, 99), TopicConfig.of("slave-only", 1, 1))), channelB);

        assertEquals("h1:10911", result.masterAddr());
        assertEquals("h1:10912", result.haServerAddr());
        assertEquals(4, route("t").queueDatas().get(0).readQueueNums());
        assertTrue(routes.route("slave-only").isEmpty());
        assertEquals(Map.of(0L, "h1:10911", 1L, "h2:10911"), route("t").brokerDatas().get(0).brokerAddrs());
        assertEquals(Map.of(0L, "h1:10911", 1L, "h2:10911"), routes.memberGroup("c1", "broker-a").brokerAddrs());
    }

    @Test
    void unregisterOfTheLastMemberRemovesGroupClusterAndQueues() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 4, 4), TopicConfig.of("only-a", 1, 1));
        registerMaster("broker-b", "h2:10911", channelB, TopicConfig.of("t", 4, 4), TopicConfig.of("only-b", 1, 1));

        routes.unregister("c1", "h1:10911", "broker-a");

        assertTrue(routes.route("only-a").isEmpty());
        assertEquals(List.of("broker-b"), route("t").queueDatas().stream().map(QueueData::brokerName).toList());
        assertEquals(Set.of("broker-b"), routes.clusterInfo().clusterAddrTable().get("c1"));
        assertNull(routes.dataVersion("c1", "h1:10911"));

        routes.unregister("c1", "h2:10911", "broker-b");
        ClusterInfo empty = routes.clusterInfo();
        assertTrue(empty.brokerAddrTable().isEmpty());
        assertTrue(empty.clusterAddrTable().isEmpty());
        assertTrue(routes.allTopics().topicList().isEmpty());
    }

    @Test
    void silentBrokersExpireAfterTheirTimeout() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("a", 1, 1), TopicConfig.of("t", 1, 1));
        routes.register(registration("c1", "broker-b", 0, "h2:10911", 10_000L,
                topics(1, TopicConfig.of("b", 1, 1), TopicConfig.of("t", 1, 1))), channelB);

        now.addAndGet(10_001);
        assertEquals(List.of(channelB), routes.expireSilentBrokers());
        assertTrue(routes.route("b").isEmpty());
        assertTrue(routes.route("a").isPresent());

        now.addAndGet(EXPIRY - 10_001);
        assertTrue(routes.expireSilentBrokers().isEmpty(), "exactly at the limit is not yet expired");
        routes.touch("c1", "h1:10911");
        now.addAndGet(EXPIRY);
        assertTrue(routes.expireSilentBrokers().isEmpty(), "a heartbeat restarts the clock");
        now.incrementAndGet();
        assertEquals(List.of(channelA), routes.expireSilentBrokers());
        assertTrue(routes.clusterInfo().brokerAddrTable().isEmpty());
    }

    @Test
    void closingTheRegisteringChannelRemovesTheBroker() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("a", 1, 1), TopicConfig.of("t", 1, 1));
        registerMaster("broker-b", "h2:10911", channelB, TopicConfig.of("b", 1, 1), TopicConfig.of("t", 1, 1));

        routes.channelClosed(channelA);

        assertTrue(routes.route("a").isEmpty());
        assertEquals(Set.of("broker-b"), routes.clusterInfo().brokerAddrTable().keySet());
        routes.channelClosed(new EmbeddedChannel());
        assertTrue(routes.route("b").isPresent());
    }

    @Test
    void wipeAndAddWritePermission() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t1", 1, 1), TopicConfig.of("t2", 1, 1));
        registerMaster("broker-b", "h2:10911", channelB, TopicConfig.of("t1", 1, 1), TopicConfig.of("t3", 1, 1));

        assertEquals(2, routes.wipeWritePerm("broker-a"));
        assertEquals(TopicPerm.READ, route("t2").queueDatas().get(0).perm());
        assertEquals(TopicPerm.READ_WRITE, route("t3").queueDatas().get(0).perm());
        assertEquals(0, routes.wipeWritePerm("nobody"));

        assertEquals(2, routes.addWritePerm("broker-a"));
        assertEquals(TopicPerm.READ_WRITE, route("t2").queueDatas().get(0).perm());
    }

    @Test
    void deleteTopicEverywhereOrInOneCluster() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1));
        routes.register(registration("c2", "broker-z", 0, "h9:10911", null,
                topics(1, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1))), channelB);

        routes.deleteTopic("t", "c2");
        assertEquals(List.of("broker-a"), route("t").queueDatas().stream().map(QueueData::brokerName).toList());
        assertEquals(Set.of("t", "u"), routes.topicsOfCluster("c1").topicList());
        assertEquals(Set.of("u"), routes.topicsOfCluster("c2").topicList());
        assertTrue(routes.topicsOfCluster("nope").topicList().isEmpty());

        routes.deleteTopic("u", null);
        assertTrue(routes.route("u").isEmpty());
    }

    @Test
    void registerTopicNeedsKnownBrokers() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1));

        assertFalse(routes.registerTopic("x", List.of(new QueueData("ghost", 1, 1, 6, 0))));
        assertTrue(routes.route("x").isEmpty());
        assertTrue(routes.registerTopic("x", List.of(new QueueData("broker-a", 3, 3, 6, 0))));
        assertEquals(3, route("x").queueDatas().get(0).readQueueNums());
    }

    @Test
    void systemTopicsAreClusterAndBrokerNames() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1));

        assertEquals(Set.of("c1", "broker-a"), routes.systemTopics().topicList());
        assertEquals("h1:10911", routes.systemTopics().brokerAddr());
    }

    @Test
    void unitFlagsSelectTopics() {
        registerMaster("broker-a", "h1:10911", channelA,
                new TopicConfig("unit", 1, 1, 6, null, 1, false, Map.of()),
                new TopicConfig("unit-sub", 1, 1, 6, null, 2, false, Map.of()),
                TopicConfig.of("plain", 1, 1));

        assertEquals(Set.of("unit"), routes.topicsWithFlags(true, null).topicList());
        assertEquals(Set.of("unit-sub"), routes.topicsWithFlags(null, true).topicList());
        assertEquals(Set.of("unit-sub"), routes.topicsWithFlags(false, true).topicList());
    }

    @Test
    void aPromotedSlaveMovesToIdZero() {
        registerMaster("broker-a", "h1:10911", channelA, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1));
        routes.register(registration("c1", "broker-a", 1, "h2:10911", null, topics(1)), channelB);
        routes.unregister("c1", "h1:10911", "broker-a");

        routes.register(registration("c1", "broker-a", 0, "h2:10911", null,
                topics(5, TopicConfig.of("t", 1, 1), TopicConfig.of("u", 1, 1))), channelB);

        assertEquals(Map.of(0L, "h2:10911"), route("t").brokerDatas().get(0).brokerAddrs());
    }
}
