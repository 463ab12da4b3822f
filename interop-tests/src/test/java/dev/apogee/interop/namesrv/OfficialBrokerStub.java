package dev.apogee.interop.namesrv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.CRC32;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.namesrv.UnRegisterBrokerRequestHeader;

/**
 * Plays a broker towards a name server with nothing but the official remoting classes: it builds
 * REGISTER_BROKER and UNREGISTER_BROKER requests the way an Apache broker does (header, JSON or
 * compressed body, body CRC) and sends them over its own official Netty client connection.
 */
final class OfficialBrokerStub implements AutoCloseable {

    final String clusterName;
    final String brokerName;
    final String brokerAddr;
    private final String namesrvAddr;
    private final NettyRemotingClient client;
    private final ConcurrentMap<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final DataVersion dataVersion = new DataVersion();

    OfficialBrokerStub(String namesrvAddr, String clusterName, String brokerName, String brokerAddr) {
        this.namesrvAddr = namesrvAddr;
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
        this.client = new NettyRemotingClient(new NettyClientConfig());
        this.client.start();
    }

    OfficialBrokerStub topic(String name, int queues, int perm) {
        topics.put(name, new TopicConfig(name, queues, queues, perm));
        dataVersion.nextVersion();
        return this;
    }

    /** Sends REGISTER_BROKER and returns the response. */
    RemotingCommand register(boolean compressed, Long heartbeatTimeoutMillis) throws Exception {
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName(clusterName);
        header.setHaServerAddr(brokerAddr.replaceAll(":\\d+$", ":10912"));
        header.setBrokerId(0L);
        header.setEnableActingMaster(false);
        header.setCompressed(compressed);
        header.setHeartbeatTimeoutMillis(heartbeatTimeoutMillis);

        TopicConfigAndMappingSerializeWrapper wrapper = new TopicConfigAndMappingSerializeWrapper();
        wrapper.setTopicConfigTable(new ConcurrentHashMap<>(topics));
        wrapper.setDataVersion(dataVersion);
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        byte[] bytes = body.encode(compressed);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        header.setBodyCrc32((int) crc.getValue());

        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setBody(bytes);
        return client.invokeSync(namesrvAddr, request, 5000);
    }

    /** Sends REGISTER_BROKER with a deliberately wrong body CRC. */
    RemotingCommand registerWithBadCrc() throws Exception {
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName(clusterName);
        header.setHaServerAddr("");
        header.setBrokerId(0L);
        header.setBodyCrc32(12345);
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setBody("{}".getBytes());
        return client.invokeSync(namesrvAddr, request, 5000);
    }

    RemotingCommand unregister() throws Exception {
        UnRegisterBrokerRequestHeader header = new UnRegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName(clusterName);
        header.setBrokerId(0L);
        return client.invokeSync(namesrvAddr, RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_BROKER, header),
                5000);
    }

    /** Drops the connection to the name server, as a crashed broker would. */
    void disconnect() {
        client.closeChannels(java.util.List.of(namesrvAddr));
    }

    Map<String, TopicConfig> topics() {
        return topics;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
