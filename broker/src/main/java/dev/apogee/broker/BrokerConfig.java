package dev.apogee.broker;

import dev.apogee.store.FlushMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Start-up settings of a broker, fixed once it runs.
 *
 * @param brokerName            the broker group's name in routes
 * @param clusterName           the cluster it registers in
 * @param brokerId              0 for a master
 * @param bindAddress           address to listen on
 * @param listenPort            port clients use (0 picks a free one)
 * @param advertisedHost        the host put into routes and message ids
 * @param nameServers           name servers to register with ({@code host:port})
 * @param dataDir               where the store and the metadata database live
 * @param flushMode             when a put counts as stored
 * @param autoCreateTopics      create a topic on its first send
 * @param defaultQueueNums      queues of an auto-created topic if the key topic (TBW102) is missing
 * @param registerInterval      how often the broker registers with every name server
 * @param commitLogSegmentSize  bytes per commit-log segment
 * @param tuning                transactions, timers and filtering
 */
public record BrokerConfig(String brokerName, String clusterName, long brokerId, String bindAddress, int listenPort,
                           String advertisedHost, List<String> nameServers, Path dataDir, FlushMode flushMode,
                           boolean autoCreateTopics, int defaultQueueNums, Duration registerInterval,
                           int commitLogSegmentSize, BrokerTuning tuning) {

    public static final int DEFAULT_PORT = 10911;

    public BrokerConfig {
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(flushMode, "flushMode");
        Objects.requireNonNull(registerInterval, "registerInterval");
        Objects.requireNonNull(tuning, "tuning");
        nameServers = List.copyOf(nameServers);
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is out of range");
        }
        if (defaultQueueNums < 1 || defaultQueueNums > 1024) {
            throw new IllegalArgumentException("defaultQueueNums must be 1..1024");
        }
    }

    /** Defaults: broker-a in DefaultCluster on port 10911, name server 127.0.0.1:9876, data in ./data. */
    public static BrokerConfig defaults() {
        return new BrokerConfig("broker-a", "DefaultCluster", 0, "0.0.0.0", DEFAULT_PORT, "127.0.0.1",
                List.of("127.0.0.1:9876"), Path.of("data"), FlushMode.ASYNC_FLUSH, true, 4, Duration.ofSeconds(30),
                1 << 30, BrokerTuning.defaults());
    }

    public BrokerConfig withListen(String address, int port) {
        return new BrokerConfig(brokerName, clusterName, brokerId, address, port, advertisedHost, nameServers, dataDir,
                flushMode, autoCreateTopics, defaultQueueNums, registerInterval, commitLogSegmentSize, tuning);
    }

    public BrokerConfig withNameServers(List<String> servers) {
        return new BrokerConfig(brokerName, clusterName, brokerId, bindAddress, listenPort, advertisedHost, servers,
                dataDir, flushMode, autoCreateTopics, defaultQueueNums, registerInterval, commitLogSegmentSize, tuning);
    }

    public BrokerConfig withDataDir(Path dir) {
        return new BrokerConfig(brokerName, clusterName, brokerId, bindAddress, listenPort, advertisedHost, nameServers,
                dir, flushMode, autoCreateTopics, defaultQueueNums, registerInterval, commitLogSegmentSize, tuning);
    }

    public BrokerConfig withCommitLogSegmentSize(int size) {
        return new BrokerConfig(brokerName, clusterName, brokerId, bindAddress, listenPort, advertisedHost, nameServers,
                dataDir, flushMode, autoCreateTopics, defaultQueueNums, registerInterval, size, tuning);
    }

    public BrokerConfig withAutoCreateTopics(boolean enabled) {
        return new BrokerConfig(brokerName, clusterName, brokerId, bindAddress, listenPort, advertisedHost, nameServers,
                dataDir, flushMode, enabled, defaultQueueNums, registerInterval, commitLogSegmentSize, tuning);
    }

    public BrokerConfig withTuning(BrokerTuning newTuning) {
        return new BrokerConfig(brokerName, clusterName, brokerId, bindAddress, listenPort, advertisedHost, nameServers,
                dataDir, flushMode, autoCreateTopics, defaultQueueNums, registerInterval, commitLogSegmentSize,
                newTuning);
    }
}
