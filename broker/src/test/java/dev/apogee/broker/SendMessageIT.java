package dev.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The send path's answers, including every refusal, over a real connection. */
@Timeout(60)
class SendMessageIT {

    @TempDir
    Path dataDir;

    private NamesrvServer namesrv;
    private BrokerServer broker;
    private RemotingClient client;
    private String address;

    private void start(boolean autoCreate) throws Exception {
        namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dataDir.resolve("namesrv")));
        namesrv.start();
        broker = new BrokerServer(BrokerConfig.defaults().withListen("127.0.0.1", 0).withDataDir(dataDir.resolve("broker"))
                .withNameServers(List.of("127.0.0.1:" + namesrv.port())).withCommitLogSegmentSize(8 << 20)
                .withAutoCreateTopics(autoCreate));
        broker.start();
        client = new RemotingClient(ClientConfig.defaults("send-it"));
        client.start();
        address = "127.0.0.1:" + broker.port();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private RemotingCommand sendV2(String topic, int queueId, byte[] body) {
        SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2("group", topic, "TBW102", 4, queueId, 0,
                System.currentTimeMillis(), 0, "TAGS\u0001a\u0002", 0, false, null, false, null);
        return client.invokeSync(address, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, header, body), 5000);
    }

    @Test
    void aSuccessfulSendAnswersWithIdsOffsetsAndRegion() throws Exception {
        start(true);
        RemotingCommand first = sendV2("Orders", 1, new byte[] {1});
        RemotingCommand second = sendV2("Orders", 1, new byte[] {2});
        assertEquals(ResponseCode.SUCCESS, first.code(), first.remark());
        assertEquals("0", first.extFields().get("queueOffset"));
        assertEquals("1", second.extFields().get("queueOffset"));
        assertEquals("1", second.extFields().get("queueId"));
        assertEquals("DefaultRegion", second.extFields().get("MSG_REGION"));
        long offset = MessageIds.decode(second.extFields().get("msgId")).physicalOffset();
        assertEquals(2, broker.store().messageAt(offset).body()[0]);
        assertEquals("DefaultCluster", broker.store().messageAt(offset).property("CLUSTER"));

        SendMessageRequestHeader v1 = new SendMessageRequestHeader("group", "Orders", "TBW102", 4, 2, 0,
                System.currentTimeMillis(), 0, "", null, null, null, null, null);
        RemotingCommand viaV1 = client.invokeSync(address, RemotingCommand.request(RequestCode.SEND_MESSAGE, v1,
                new byte[] {3}), 5000);
        assertEquals(ResponseCode.SUCCESS, viaV1.code(), viaV1.remark());
        assertNotNull(broker.topics().get("Orders"));
    }

    @Test
    void refusalsCarryTheOfficialCodes() throws Exception {
        start(false);
        broker.topics().put(TopicConfig.of("ReadOnly", 2, 2).withPerm(TopicPerm.READ));
        broker.topics().put(TopicConfig.of("Small", 2, 2));

        assertEquals(ResponseCode.TOPIC_NOT_EXIST, sendV2("Missing", 0, new byte[] {1}).code());
        assertEquals(ResponseCode.INVALID_PARAMETER, sendV2("bad/name", 0, new byte[] {1}).code());
        assertEquals(ResponseCode.NO_PERMISSION, sendV2("SCHEDULE_TOPIC_XXXX", 0, new byte[] {1}).code());
        assertEquals(ResponseCode.NO_PERMISSION, sendV2("ReadOnly", 0, new byte[] {1}).code());
        assertEquals(ResponseCode.INVALID_PARAMETER, sendV2("Small", 5, new byte[] {1}).code());
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, sendV2("Small", 0, new byte[0]).code());
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, sendV2("Small", 0, new byte[5 << 20]).code());
        RemotingCommand missingField = client.invokeSync(address,
                RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, null, new byte[] {1}), 5000);
        assertEquals(ResponseCode.SYSTEM_ERROR, missingField.code());
        assertTrue(missingField.remark().contains("'a'"), missingField.remark());
        assertEquals(ResponseCode.SUCCESS, sendV2("Small", 1, new byte[] {1}).code());
    }

    @Test
    void topicsSurviveARestart() throws Exception {
        start(true);
        assertEquals(ResponseCode.SUCCESS, sendV2("Durable", 0, new byte[] {7}).code());
        broker.close();
        broker = new BrokerServer(BrokerConfig.defaults().withListen("127.0.0.1", 0).withDataDir(dataDir.resolve("broker"))
                .withNameServers(List.of("127.0.0.1:" + namesrv.port())).withCommitLogSegmentSize(8 << 20)
                .withAutoCreateTopics(false));
        broker.start();
        address = "127.0.0.1:" + broker.port();
        assertNotNull(broker.topics().get("Durable"));
        assertEquals(1, broker.store().maxOffset("Durable", 0));
        RemotingCommand again = sendV2("Durable", 0, new byte[] {8});
        assertEquals(ResponseCode.SUCCESS, again.code(), again.remark());
        assertEquals("1", again.extFields().get("queueOffset"));
    }
}
