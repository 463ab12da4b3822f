package dev.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.fail;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.RegisterBrokerBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import dev.apogee.remoting.protocol.header.namesrv.BrokerHeartbeatRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.QueryDataVersionRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import dev.apogee.remoting.transport.RemotingClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/** Builds the requests a broker sends to a name server, plus small helpers for the name-server ITs. */
final class TestBroker {

    private final String clusterName;
    private final String brokerName;
    private final String brokerAddr;
    private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
    private DataVersion version = new DataVersion(0, 1_700_000_000_000L, 0);

    TestBroker(String clusterName, String brokerName, String brokerAddr) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
    }

    TestBroker topic(String name, int queues) {
        topics.put(name, TopicConfig.of(name, queues, queues));
        version = version.next(version.timestamp() + 1);
        return this;
    }

    DataVersion version() {
        return version;
    }

    /** REGISTER_BROKER with a correct (sign-masked, as brokers send it) body CRC. */
    RemotingCommand registerRequest(boolean compressed, Long heartbeatTimeoutMillis) {
        byte[] body = new RegisterBrokerBody(TopicConfigSerializeWrapper.of(topics, version), List.of())
                .encode(compressed);
        CRC32 crc = new CRC32();
        crc.update(body);
        int crc32 = (int) (crc.getValue() & 0x7FFF_FFFFL);
        return RemotingCommand.request(RequestCode.REGISTER_BROKER, new RegisterBrokerRequestHeader(brokerName,
                brokerAddr, clusterName, brokerAddr.replaceAll(":\\d+$", ":10912"), 0L, heartbeatTimeoutMillis, false,
                compressed, crc32, null), body);
    }

    RemotingCommand heartbeatRequest() {
        return RemotingCommand.request(RequestCode.BROKER_HEARTBEAT, new BrokerHeartbeatRequestHeader(clusterName,
                brokerAddr, brokerName, 0L, null, null, null, null, null));
    }

    RemotingCommand queryDataVersionRequest() {
        return RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                new QueryDataVersionRequestHeader(brokerName, brokerAddr, clusterName, 0L), RemotingJson.encode(version));
    }

    static RemotingCommand call(RemotingClient client, String address, RemotingCommand request) {
        return client.invokeSync(address, request, 5_000);
    }

    /** Polls {@code condition} every 50 ms until it holds, failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
