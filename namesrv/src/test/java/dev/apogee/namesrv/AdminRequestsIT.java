package dev.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.GetBrokerMemberGroupResponseBody;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetBrokerMemberGroupRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.RegisterTopicRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin requests of a running name server: permissions, topic admin, config, member groups. */
@Timeout(60)
class AdminRequestsIT {

    @TempDir
    Path dataDir;

    private NamesrvServer server;
    private RemotingClient client;
    private String address;

    @BeforeEach
    void start() throws IOException {
        server = NamesrvServerIT.startServer(dataDir);
        address = "127.0.0.1:" + server.port();
        client = new RemotingClient(ClientConfig.defaults("admin-it"));
        client.start();
        TestBroker broker = new TestBroker("c1", "broker-a", "127.0.0.1:10911").topic("t1", 4).topic("t2", 4);
        assertEquals(ResponseCode.SUCCESS, call(broker.registerRequest(false, null)).code());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.stop();
    }

    private RemotingCommand call(RemotingCommand request) {
        return TestBroker.call(client, address, request);
    }

    private RemotingCommand request(int code) {
        return RemotingCommand.request(code, null);
    }

    private TopicRouteData route(String topic) {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader(topic, null)));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingJson.decode(response.body(), TopicRouteData.class);
    }

    @Test
    void wipeAndAddWritePermissionAnswerTopicCounts() {
        RemotingCommand wiped = call(RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER,
                new WipeWritePermOfBrokerRequestHeader("broker-a")));
        assertEquals(ResponseCode.SUCCESS, wiped.code());
        assertEquals("2", wiped.extFields().get("wipeTopicCount"));
        assertEquals(TopicPerm.READ, route("t1").queueDatas().get(0).perm());

        RemotingCommand added = call(RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER,
                new AddWritePermOfBrokerRequestHeader("broker-a")));
        assertEquals("2", added.extFields().get("addTopicCount"));
        assertEquals(TopicPerm.READ_WRITE, route("t1").queueDatas().get(0).perm());
    }

    @Test
    void deleteAndRegisterTopic() {
        assertEquals(ResponseCode.SUCCESS, call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new DeleteTopicFromNamesrvRequestHeader("t1", "c1"))).code());
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader("t1", null))).code());

        TopicRouteData queues = new TopicRouteData(null, List.of(new QueueData("broker-a", 2, 2, 6, 0)), List.of(),
                Map.of(), null);
        assertEquals(ResponseCode.SUCCESS, call(RemotingCommand.request(RequestCode.REGISTER_TOPIC_IN_NAMESRV,
                new RegisterTopicRequestHeader("added"), RemotingJson.encode(queues))).code());
        assertEquals(2, route("added").queueDatas().get(0).readQueueNums());
    }

    @Test
    void brokerMemberGroup() {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_BROKER_MEMBER_GROUP,
                new GetBrokerMemberGroupRequestHeader("c1", "broker-a")));

        GetBrokerMemberGroupResponseBody body = RemotingJson.decode(response.body(),
                GetBrokerMemberGroupResponseBody.class);
        assertEquals(Map.of(0L, "127.0.0.1:10911"), body.brokerMemberGroup().brokerAddrs());
    }

    @Test
    void configIsReadableAndOnlyAllowListedKeysChange() throws IOException {
        RemotingCommand got = call(request(RequestCode.GET_NAMESRV_CONFIG));
        Properties config = new Properties();
        config.load(new StringReader(new String(got.body(), StandardCharsets.UTF_8)));
        assertEquals(Integer.toString(server.port()), config.getProperty("listenPort"));
        assertEquals("true", config.getProperty("enableAllTopicList"));
        assertEquals("2000", config.getProperty("brokerExpiryMillis"));

        RemotingCommand refused = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null,
                "enableAllTopicList=false\nconfigStorePath=/tmp/evil\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.NO_PERMISSION, refused.code());
        assertTrue(refused.remark().contains("configStorePath"), refused.remark());
        assertEquals(ResponseCode.SUCCESS, call(request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).code());

        RemotingCommand updated = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null,
                "enableAllTopicList=false\nenableTopicList=false\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.SUCCESS, updated.code(), updated.remark());
        RemotingCommand disabled = call(request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
        assertEquals(ResponseCode.SYSTEM_ERROR, disabled.code());
        assertEquals("disable", disabled.remark());
        assertEquals(ResponseCode.SYSTEM_ERROR, call(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER,
                new GetTopicsByClusterRequestHeader("c1"))).code());
        // The system-topic list is not subject to the switches.
        RemotingCommand system = call(request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS));
        assertEquals(Set.of("c1", "broker-a"), RemotingJson.decode(system.body(), TopicList.class).topicList());

        RemotingCommand invalid = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null,
                "enableTopicList=maybe".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.INVALID_PARAMETER, invalid.code());
    }

    @Test
    void unitTopicListsAnswer() {
        for (int code : new int[] {RequestCode.GET_UNIT_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST,
            RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST}) {
            RemotingCommand response = call(request(code));
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertTrue(RemotingJson.decode(response.body(), TopicList.class).topicList().isEmpty());
        }
    }
}
