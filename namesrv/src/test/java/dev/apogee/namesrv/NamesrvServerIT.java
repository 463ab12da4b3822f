package dev.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.KVTable;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetKVConfigRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.PutKVConfigRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real name server on a free port, driven over TCP by Apogee's remoting client. */
@Timeout(60)
class NamesrvServerIT {

    @TempDir
    Path dataDir;

    private NamesrvServer server;
    private RemotingClient client;
    private String address;

    @BeforeEach
    void start() throws IOException {
        server = startServer(dataDir);
        address = "127.0.0.1:" + server.port();
        client = new RemotingClient(ClientConfig.defaults("namesrv-it"));
        client.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Expiry 2 s, scanned every 500 ms: short enough for expiry tests, long enough for the rest. */
    static NamesrvServer startServer(Path dir) throws IOException {
        NamesrvServer namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dir).withBrokerExpiry(Duration.ofSeconds(2)));
        namesrv.start();
        return namesrv;
    }

    private RemotingCommand call(RemotingCommand request) {
        return TestBroker.call(client, address, request);
    }

    private RemotingCommand routeOf(String topic) {
        return call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, new GetRouteInfoRequestHeader(topic, null)));
    }

    private TopicList topicList(RemotingCommand request) {
        RemotingCommand response = call(request);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingJson.decode(response.body(), TopicList.class);
    }

    @Test
    void registeredBrokerIsRoutedAndListed() {
        TestBroker broker = new TestBroker("DefaultCluster", "broker-a", "127.0.0.1:10911")
                .topic("orders", 4).topic("TBW102", 8);

        RemotingCommand registered = call(broker.registerRequest(false, null));

        assertEquals(ResponseCode.SUCCESS, registered.code(), registered.remark());
        assertNull(registered.extFields().get("masterAddr"));
        RemotingCommand route = routeOf("orders");
        assertEquals(ResponseCode.SUCCESS, route.code(), route.remark());
        TopicRouteData data = RemotingJson.decode(route.body(), TopicRouteData.class);
        assertEquals(4, data.queueDatas().get(0).writeQueueNums());
        assertEquals(Map.of(0L, "127.0.0.1:10911"), data.brokerDatas().get(0).brokerAddrs());
        assertEquals("DefaultCluster", data.brokerDatas().get(0).cluster());

        RemotingCommand cluster = call(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null));
        ClusterInfo info = RemotingJson.decode(cluster.body(), ClusterInfo.class);
        assertEquals(Set.of("broker-a"), info.clusterAddrTable().get("DefaultCluster"));
        assertEquals("127.0.0.1:10911", info.brokerAddrTable().get("broker-a").masterAddr());

        assertEquals(Set.of("orders", "TBW102"), topicList(
                RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null)).topicList());
        assertEquals(Set.of("orders", "TBW102"), topicList(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER,
                new GetTopicsByClusterRequestHeader("DefaultCluster"))).topicList());
        TopicList system = topicList(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, null));
        assertEquals(Set.of("DefaultCluster", "broker-a"), system.topicList());
        assertEquals("127.0.0.1:10911", system.brokerAddr());
    }

    @Test
    void compressedRegistrationIsDecoded() {
        TestBroker broker = new TestBroker("c", "broker-z", "127.0.0.1:20911").topic("zipped", 3).topic("other", 1);

        RemotingCommand registered = call(broker.registerRequest(true, null));

        assertEquals(ResponseCode.SUCCESS, registered.code(), registered.remark());
        TopicRouteData data = RemotingJson.decode(routeOf("zipped").body(), TopicRouteData.class);
        assertEquals(3, data.queueDatas().get(0).readQueueNums());
    }

    @Test
    void wrongBodyCrcIsRefused() {
        TestBroker broker = new TestBroker("c", "b", "127.0.0.1:10911").topic("t", 1).topic("u", 1);
        RemotingCommand request = broker.registerRequest(false, null);
        RemotingCommand tampered = request.withExtFields(Map.of("bodyCrc32", "12345"));

        RemotingCommand response = call(tampered);

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertEquals("crc32 not match", response.remark());
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, routeOf("t").code());
    }

    @Test
    void unknownTopicBadHeaderAndUnknownCode() {
        RemotingCommand unknown = routeOf("no-such-topic");
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, unknown.code());
        assertTrue(unknown.remark().contains("no-such-topic"), unknown.remark());

        RemotingCommand badHeader = call(RemotingCommand.request(RequestCode.REGISTER_BROKER, null)
                .withExtFields(Map.of("brokerName", "b", "clusterName", "c", "haServerAddr", "", "brokerId", "0")));
        assertEquals(ResponseCode.SYSTEM_ERROR, badHeader.code());
        assertTrue(badHeader.remark().contains("brokerAddr"), badHeader.remark());

        RemotingCommand unsupported = call(RemotingCommand.request(99_999, null));
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unsupported.code());
    }

    @Test
    void kvConfigPutGetListDeleteAndOrderTopicConf() {
        assertEquals(ResponseCode.SUCCESS, call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG,
                new PutKVConfigRequestHeader(KvStore.ORDER_TOPIC_CONFIG, "orders", "broker-a:4"))).code());
        call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG, new PutKVConfigRequestHeader("ns", "k", "v")));

        RemotingCommand got = call(RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                new GetKVConfigRequestHeader("ns", "k")));
        assertEquals(ResponseCode.SUCCESS, got.code());
        assertEquals("v", got.extFields().get("value"));
        RemotingCommand missing = call(RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                new GetKVConfigRequestHeader("ns", "nope")));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, missing.code());

        RemotingCommand list = call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE,
                new GetKVListByNamespaceRequestHeader("ns")));
        assertEquals(Map.of("k", "v"), RemotingJson.decode(list.body(), KVTable.class).table());

        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("orders", 4).topic("x", 1);
        RemotingCommand registered = call(broker.registerRequest(false, null));
        assertEquals(Map.of("orders", "broker-a:4"), RemotingJson.decode(registered.body(), KVTable.class).table());
        TopicRouteData route = RemotingJson.decode(routeOf("orders").body(), TopicRouteData.class);
        assertEquals("broker-a:4", route.orderTopicConf());
        assertNull(RemotingJson.decode(routeOf("x").body(), TopicRouteData.class).orderTopicConf());

        call(RemotingCommand.request(RequestCode.DELETE_KV_CONFIG, new DeleteKVConfigRequestHeader("ns", "k")));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE,
                new GetKVListByNamespaceRequestHeader("ns"))).code());
    }

    @Test
    void kvConfigSurvivesARestart() throws IOException {
        call(RemotingCommand.request(RequestCode.PUT_KV_CONFIG, new PutKVConfigRequestHeader("ns", "k", "kept")));
        server.stop();
        server.stop();

        server = startServer(dataDir);
        address = "127.0.0.1:" + server.port();

        RemotingCommand got = call(RemotingCommand.request(RequestCode.GET_KV_CONFIG,
                new GetKVConfigRequestHeader("ns", "k")));
        assertEquals("kept", got.extFields().get("value"));
    }

    @Test
    void unregisterRemovesTheRouteAtOnce() {
        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("t", 1).topic("u", 1);
        call(broker.registerRequest(false, null));

        RemotingCommand response = call(RemotingCommand.request(RequestCode.UNREGISTER_BROKER,
                new UnRegisterBrokerRequestHeader("broker-a", "127.0.0.1:10911", "c", 0)));

        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, routeOf("t").code());
    }

    @Test
    void silentBrokerExpiresWithItsOwnTimeout() throws Exception {
        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("t", 1).topic("u", 1);
        // The broker registers on a connection of its own: expiry closes the expired broker's
        // connection, which must not be the one the route queries below travel on.
        try (RemotingClient brokerClient = new RemotingClient(ClientConfig.defaults("broker"))) {
            brokerClient.start();
            assertEquals(ResponseCode.SUCCESS, TestBroker.call(brokerClient, address,
                    broker.registerRequest(false, 300L)).code());
            assertEquals(ResponseCode.SUCCESS, routeOf("t").code());

            TestBroker.await(() -> routeOf("t").code() == ResponseCode.TOPIC_NOT_EXIST, Duration.ofSeconds(10));
        }
    }

    @Test
    void heartbeatsKeepABrokerAlive() throws Exception {
        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("t", 1).topic("u", 1);
        // A timeout far above the 200 ms heartbeat period, so a slow CI machine cannot expire it by
        // stalling the loop; the loop outlives the timeout, so only heartbeats can keep it alive.
        call(broker.registerRequest(false, 3_000L));
        long until = System.nanoTime() + Duration.ofMillis(5_000).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(ResponseCode.SUCCESS, call(broker.heartbeatRequest()).code());
            assertEquals(ResponseCode.SUCCESS, routeOf("t").code(), "expired despite heartbeats");
            Thread.sleep(200);
        }
    }

    @Test
    void closingTheBrokersConnectionRemovesItAtOnce() throws Exception {
        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("t", 1).topic("u", 1);
        try (RemotingClient brokerClient = new RemotingClient(ClientConfig.defaults("broker"))) {
            brokerClient.start();
            assertEquals(ResponseCode.SUCCESS, TestBroker.call(brokerClient, address,
                    broker.registerRequest(false, null)).code());
            assertEquals(ResponseCode.SUCCESS, routeOf("t").code());
        }

        // Far sooner than the 2 s expiry: the close itself removes the broker.
        TestBroker.await(() -> routeOf("t").code() == ResponseCode.TOPIC_NOT_EXIST, Duration.ofMillis(1_500));
    }

    @Test
    void queryDataVersionTellsWhetherTopicsChanged() {
        TestBroker broker = new TestBroker("c", "broker-a", "127.0.0.1:10911").topic("t", 1).topic("u", 1);

        RemotingCommand before = call(broker.queryDataVersionRequest());
        assertEquals("true", before.extFields().get("changed"));
        assertNull(before.body());

        call(broker.registerRequest(false, null));
        RemotingCommand after = call(broker.queryDataVersionRequest());
        assertEquals("false", after.extFields().get("changed"));
        assertEquals(broker.version(), RemotingJson.decode(after.body(), DataVersion.class));
        assertNotNull(after.body());
    }
}
