package dev.apogee.broker.testing;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.BrokerServer;
import dev.apogee.broker.longpolling.PullHold;
import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import dev.apogee.remoting.transport.RemotingServer;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An Apogee name server and one or more brokers of one cluster in this JVM, on free loopback ports, data
 * under one directory: the fixture that every test module running clients against Apogee builds on (it
 * is in the broker's test jar).
 *
 * <p>Brokers are numbered from 0 and named {@code broker-a}, {@code broker-b}, ... (all masters of
 * {@code DefaultCluster} unless the settings say otherwise), each with its own data directory and port.
 * A broker can be stopped ({@link #stopBroker}: it unregisters, the name server forgets it), isolated
 * ({@link #isolateBroker}: its port closes but it stays registered, as a broker cut off from its clients
 * looks until the name server's expiry), and started again ({@link #startBroker}) on the same port and
 * data, so clients that knew its address reconnect to it.
 *
 * <p>{@link #close()} stops the brokers, then the name server. Not thread-safe: one test drives it.
 */
public final class ApogeeCluster implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ApogeeCluster.class);
    private final NamesrvServer namesrv;
    private final List<Node> nodes;

    /** One broker slot: its settings with the port it got at first start, and the server when running. */
    private static final class Node {
        private final BrokerConfig config;
        private BrokerServer server;
        private boolean isolated;

        private Node(BrokerConfig config, BrokerServer server) {
            this.config = config;
            this.server = server;
        }
    }

    private ApogeeCluster(NamesrvServer namesrv, List<Node> nodes) {
        this.namesrv = namesrv;
        this.nodes = nodes;
    }

    /** Starts a name server and a broker (small commit-log segments) with their data under {@code dataDir}. */
    public static ApogeeCluster start(Path dataDir, UnaryOperator<BrokerConfig> brokerSettings) throws Exception {
        return start(dataDir, 1, (index, config) -> brokerSettings.apply(config));
    }

    /**
     * Starts a name server and {@code brokers} brokers named {@code broker-a}, {@code broker-b}, ..., each
     * with its data under {@code dataDir/<name>} and settings adjusted by {@code brokerSettings}.
     */
    public static ApogeeCluster start(Path dataDir, int brokers, UnaryOperator<BrokerConfig> brokerSettings)
            throws Exception {
        return start(dataDir, brokers, (index, config) -> brokerSettings.apply(config));
    }

    /** Adjusts the settings of the broker with the given index (e.g. a different cluster for one of them). */
    @FunctionalInterface
    public interface BrokerSettings {
        BrokerConfig apply(int index, BrokerConfig defaults);
    }

    /** As {@link #start(Path, int, UnaryOperator)}, with settings per broker index. */
    public static ApogeeCluster start(Path dataDir, int brokers, BrokerSettings brokerSettings) throws Exception {
        if (brokers < 1 || brokers > 26) {
            throw new IllegalArgumentException("1 to 26 brokers, not " + brokers);
        }
        NamesrvServer namesrv = new NamesrvServer(NamesrvConfig.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withDataDir(dataDir.resolve("namesrv")));
        namesrv.start();
        List<Node> nodes = new ArrayList<>();
        ApogeeCluster cluster = new ApogeeCluster(namesrv, nodes);
        try {
            for (int i = 0; i < brokers; i++) {
                String name = "broker-" + (char) ('a' + i);
                // A lone broker keeps the directory name it always had.
                Path dir = dataDir.resolve(brokers == 1 ? "broker" : name);
                BrokerConfig defaults = named(BrokerConfig.defaults(), name).withListen("127.0.0.1", 0)
                        .withDataDir(dir).withNameServers(List.of(cluster.namesrvAddress()))
                        .withCommitLogSegmentSize(16 << 20);
                BrokerServer server = new BrokerServer(brokerSettings.apply(i, defaults));
                server.start();
                // Later starts reuse the port the first one picked, so clients find the broker again.
                nodes.add(new Node(server.config().withListen(server.config().bindAddress(), server.port()), server));
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static BrokerConfig named(BrokerConfig config, String brokerName) {
        return new BrokerConfig(brokerName, config.clusterName(), config.brokerId(), config.bindAddress(),
                config.listenPort(), config.advertisedHost(), config.nameServers(), config.dataDir(), config.flushMode(),
                config.autoCreateTopics(), config.defaultQueueNums(), config.registerInterval(),
                config.commitLogSegmentSize(), config.tuning());
    }

    public String namesrvAddress() {
        return "127.0.0.1:" + namesrv.port();
    }

    /** The name server. */
    public NamesrvServer namesrv() {
        return namesrv;
    }

    /** How many brokers the cluster has (running or not). */
    public int brokerCount() {
        return nodes.size();
    }

    /** The first broker. */
    public BrokerServer broker() {
        return broker(0);
    }

    /**
     * Broker {@code index} as it runs now.
     *
     * @throws IllegalStateException if it is stopped or isolated
     */
    public BrokerServer broker(int index) {
        Node node = nodes.get(index);
        if (node.server == null || node.isolated) {
            throw new IllegalStateException(node.config.brokerName() + " is not running");
        }
        return node.server;
    }

    /** The broker name of broker {@code index} ({@code broker-a}, ...). */
    public String brokerName(int index) {
        return nodes.get(index).config.brokerName();
    }

    /** The {@code host:port} of broker {@code index}, the same across restarts. */
    public String brokerAddress(int index) {
        BrokerConfig config = nodes.get(index).config;
        return config.advertisedHost() + ":" + config.listenPort();
    }

    /** The settings broker {@code index} runs with (its fixed port included). */
    public BrokerConfig brokerConfig(int index) {
        return nodes.get(index).config;
    }

    /** Whether broker {@code index} runs and serves. */
    public boolean isRunning(int index) {
        Node node = nodes.get(index);
        return node.server != null && !node.isolated;
    }

    /**
     * Stops broker {@code index} cleanly, as an operator's stop would: it unregisters from the name server,
     * answers what is in progress, drops its connections and closes its store. Stopping a stopped broker
     * does nothing.
     */
    public void stopBroker(int index) {
        Node node = nodes.get(index);
        if (node.server != null) {
            node.server.close();
            node.server = null;
            node.isolated = false;
        }
    }

    /**
     * Cuts broker {@code index} off from its clients, as a network partition or a crashed host does: its port
     * closes and every client connection drops at once, requests in progress unanswered (held long polls
     * included), while it keeps registering with the name server, which therefore still routes to it.
     * {@link #startBroker} or {@link #stopBroker} end it.
     */
    public void isolateBroker(int index) throws ReflectiveOperationException {
        Node node = nodes.get(index);
        if (node.server == null || node.isolated) {
            throw new IllegalStateException(node.config.brokerName() + " is not running");
        }
        // The broker has no public way to drop its clients but stay registered (nor should it): reach in.
        RemotingServer remoting = field(BrokerServer.class, "remoting", node.server);
        field(RemotingServer.class, "serverChannel", remoting, Channel.class).close().syncUninterruptibly();
        field(RemotingServer.class, "connections", remoting, ChannelGroup.class).close().syncUninterruptibly();
        // Parked polls would hold the server's shutdown for their whole poll time; their answers go nowhere now.
        field(BrokerServer.class, "pullHold", node.server, PullHold.class).stop();
        remoting.shutdown();
        node.isolated = true;
    }

    private static RemotingServer field(Class<?> owner, String name, Object target) throws ReflectiveOperationException {
        return field(owner, name, target, RemotingServer.class);
    }

    private static <T> T field(Class<?> owner, String name, Object target, Class<T> type)
            throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(target));
    }

    /**
     * Starts broker {@code index} on its port and data (stopping it first if it runs or is isolated),
     * as an operator's restart would; clients reconnect on their own.
     */
    public BrokerServer startBroker(int index) throws Exception {
        Node node = nodes.get(index);
        stopBroker(index);
        BrokerServer server = new BrokerServer(node.config);
        server.start();
        node.server = server;
        return server;
    }

    /** Stops the first broker cleanly and starts it again on the same port and data. */
    public void restartBroker() throws Exception {
        startBroker(0);
    }

    /** Restarts broker {@code index} on the same port and data. */
    public void restartBroker(int index) throws Exception {
        startBroker(index);
    }

    /** Stops every broker, then starts them all again, each on its port and data. */
    public void restartAll() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            stopBroker(i);
        }
        for (int i = 0; i < nodes.size(); i++) {
            startBroker(i);
        }
    }

    /** Stops every broker, then the name server. */
    @Override
    public void close() {
        for (int i = 0; i < nodes.size(); i++) {
            try {
                stopBroker(i);
            } catch (RuntimeException e) {
                // Keep closing the others and the name server; the test reports its own failure.
                LOG.warn("closing {} failed", brokerName(i), e);
            }
        }
        namesrv.close();
    }
}
