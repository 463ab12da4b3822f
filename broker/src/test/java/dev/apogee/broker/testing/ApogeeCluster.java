package dev.apogee.broker.testing;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.BrokerServer;
import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An Apogee name server and broker in this JVM on free loopback ports, data under one directory:
 * the fixture that every test module running clients against Apogee builds on (it is in the
 * broker's test jar). {@link #close()} stops the broker, then the name server.
 */
public final class ApogeeCluster implements AutoCloseable {

    private final NamesrvServer namesrv;
    private BrokerServer broker;

    private ApogeeCluster(NamesrvServer namesrv, BrokerServer broker) {
        this.namesrv = namesrv;
        this.broker = broker;
    }

    /** Starts a name server and a broker (small commit-log segments) with their data under {@code dataDir}. */
    public static ApogeeCluster start(Path dataDir, UnaryOperator<BrokerConfig> brokerSettings) throws Exception {
        NamesrvServer namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dataDir.resolve("namesrv")));
        namesrv.start();
        BrokerServer broker = new BrokerServer(brokerSettings.apply(BrokerConfig.defaults().withListen("127.0.0.1", 0)
                .withDataDir(dataDir.resolve("broker")).withNameServers(List.of("127.0.0.1:" + namesrv.port()))
                .withCommitLogSegmentSize(16 << 20)));
        try {
            broker.start();
        } catch (Exception e) {
            namesrv.close();
            throw e;
        }
        return new ApogeeCluster(namesrv, broker);
    }

    public String namesrvAddress() {
        return "127.0.0.1:" + namesrv.port();
    }

    public BrokerServer broker() {
        return broker;
    }

    /**
     * Stops the broker cleanly and starts it again on the same port and data, as an operator's
     * restart would; clients reconnect on their own.
     */
    public void restartBroker() throws Exception {
        BrokerConfig config = broker.config().withListen("127.0.0.1", broker.port());
        broker.close();
        broker = new BrokerServer(config);
        broker.start();
    }

    @Override
    public void close() {
        broker.close();
        namesrv.close();
    }
}
