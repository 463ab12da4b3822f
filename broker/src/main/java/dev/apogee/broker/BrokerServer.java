package dev.apogee.broker;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.broker.filter.MessagePredicates;
import dev.apogee.broker.filter.SqlFilters;
import dev.apogee.broker.lock.QueueLocks;
import dev.apogee.broker.pop.PopLeases;
import dev.apogee.broker.longpolling.PullHold;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.broker.processor.ClientManageProcessor;
import dev.apogee.broker.processor.ConsumerOffsetProcessor;
import dev.apogee.broker.processor.EndTransactionProcessor;
import dev.apogee.broker.processor.PopMessageProcessor;
import dev.apogee.broker.processor.PullMessageProcessor;
import dev.apogee.broker.processor.QueryMessageProcessor;
import dev.apogee.broker.processor.QueueLockProcessor;
import dev.apogee.broker.processor.SendBackProcessor;
import dev.apogee.broker.processor.admin.BrokerAdminProcessor;
import dev.apogee.broker.processor.admin.ConsumerAdminProcessor;
import dev.apogee.broker.processor.admin.ConsumerRelayProcessor;
import dev.apogee.broker.processor.admin.ResetOffsetProcessor;
import dev.apogee.broker.processor.admin.SubscriptionGroupProcessor;
import dev.apogee.broker.processor.admin.TopicAdminProcessor;
import dev.apogee.broker.stats.BrokerStats;
import dev.apogee.broker.stats.StatsCounting;
import dev.apogee.broker.subscription.ConsumeEnableGate;
import dev.apogee.broker.subscription.SubscriptionGroupStore;
import dev.apogee.broker.schedule.DelayedDelivery;
import dev.apogee.broker.processor.SendMessageProcessor;
import dev.apogee.broker.registration.NamesrvRegistrar;
import dev.apogee.broker.timer.TimerDelivery;
import dev.apogee.broker.topic.GroupTopics;
import dev.apogee.broker.topic.TopicNames;
import dev.apogee.broker.transaction.TransactionChecker;
import dev.apogee.broker.transaction.TransactionLog;
import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.transport.RemotingServer;
import dev.apogee.remoting.transport.ServerConfig;
import dev.apogee.remoting.transport.ReplyBatch;
import dev.apogee.store.MessageStore;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A broker: the store, the topic configs, the request processors on a remoting server, and the
 * registration with the name servers.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} are synchronized; once started, every part
 * is safe for its own callers.
 */
public final class BrokerServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(BrokerServer.class);

    private final BrokerConfig config;
    private MessageStore store;
    private TopicConfigStore topics;
    private ConsumerOffsetStore offsets;
    private SubscriptionGroupStore subscriptionGroups;
    private RuntimeSettings settings;
    private BrokerStats stats;
    private PullHold pullHold;
    private PopLeases popLeases;
    private DelayedDelivery delayedDelivery;
    private TimerDelivery timerDelivery;
    private TransactionChecker transactionChecker;
    private RemotingServer remoting;
    private NamesrvRegistrar registrar;

    public BrokerServer(BrokerConfig config) {
        this.config = config;
    }

    /**
     * Opens the store and metadata, starts serving, and registers with the name servers.
     *
     * @throws IOException if the store or the port cannot be opened
     */
    public synchronized void start() throws IOException {
        StoreConfig storeConfig = StoreConfig.defaults(config.dataDir().resolve("store"))
                .withCommitLogSegmentSize(config.commitLogSegmentSize()).withFlushMode(config.flushMode());
        // Responses to the puts one force covers leave together: one wake-up per I/O thread, not per put.
        store = MessageStore.open(storeConfig, MappedSegmentFactory.INSTANCE, ReplyBatch::during);
        try {
            topics = TopicConfigStore.open(config.dataDir().resolve("metadata"));
            offsets = ConsumerOffsetStore.open(config.dataDir().resolve("metadata"));
            subscriptionGroups = SubscriptionGroupStore.open(config.dataDir().resolve("metadata"));
            createSystemTopics();
        } catch (SQLException e) {
            store.close();
            throw new IOException("cannot open the broker metadata: " + e.getMessage(), e);
        }
        remoting = new RemotingServer(ServerConfig.defaults("broker", config.listenPort())
                .withBindAddress(config.bindAddress()));
        byte[] storeHost = InetAddress.getByName(config.advertisedHost()).getAddress();
        QueueLocks locks = new QueueLocks(Duration.ofSeconds(60), Clock.systemUTC());
        remoting.addChannelListener(locks);
        settings = new RuntimeSettings(config);
        stats = new BrokerStats(Clock.systemDefaultZone());
        stats.start();
        ExecutorService sendExecutor = BoundedExecutors.fixed("broker-send", 4, 10_000);
        remoting.registerProcessor(StatsCounting.sends(stats, new SendMessageProcessor(config, topics, store, storeHost,
                this::port, this::topicsChanged, locks, settings::autoCreateTopicEnable)), sendExecutor,
                SendMessageProcessor.CODES);
        ClientRegistry clients = new ClientRegistry(this::tellGroupToRebalance);
        SqlFilters sqlFilters = new SqlFilters();
        remoting.addChannelListener(clients);
        remoting.registerProcessor(new ClientManageProcessor(clients, topics, this::topicsChanged, sqlFilters,
                config.tuning().propertyFilter(), this::consumerGroupSeen), BoundedExecutors.fixed("broker-client", 2,
                10_000), ClientManageProcessor.CODES);
        remoting.registerProcessor(new ConsumerOffsetProcessor(offsets, store),
                BoundedExecutors.fixed("broker-offset", 2, 10_000), ConsumerOffsetProcessor.CODES);
        ExecutorService pullExecutor = BoundedExecutors.fixed("broker-pull", 4, 10_000);
        pullHold = new PullHold(pullExecutor);
        store.addDispatchListener(pullHold);
        remoting.registerProcessor(new ConsumeEnableGate(subscriptionGroups, StatsCounting.deliveries(stats,
                new PullMessageProcessor(store, topics, clients, offsets, pullHold, sqlFilters, config.tuning().propertyFilter()))),
                pullExecutor, PullMessageProcessor.CODES);
        popLeases = new PopLeases(store, offsets, 1 + SendBackProcessor.DEFAULT_MAX_RECONSUME_TIMES);
        remoting.registerProcessor(new ConsumeEnableGate(subscriptionGroups, StatsCounting.deliveries(stats,
                new PopMessageProcessor(popLeases, topics, store, pullHold, this::topicsChanged,
                        new MessagePredicates(sqlFilters, config.tuning().propertyFilter())))),
                BoundedExecutors.fixed("broker-pop", 4, 10_000), PopMessageProcessor.CODES);
        remoting.registerProcessor(new SendBackProcessor(store, new GroupTopics(topics, this::topicsChanged)),
                BoundedExecutors.fixed("broker-send-back", 2, 10_000), SendBackProcessor.CODES);
        remoting.registerProcessor(new QueueLockProcessor(locks), BoundedExecutors.fixed("broker-lock", 1, 1_000),
                QueueLockProcessor.CODES);
        remoting.registerProcessor(new QueryMessageProcessor(store), BoundedExecutors.fixed("broker-query", 2, 1_000),
                QueryMessageProcessor.CODES);
        TransactionLog transactions = new TransactionLog(store, offsets, storeHost, this::port);
        remoting.registerProcessor(new EndTransactionProcessor(transactions, store, config),
                BoundedExecutors.fixed("broker-transaction", 2, 10_000), EndTransactionProcessor.CODES);
        registerAdminProcessors(clients, sendExecutor, pullExecutor);
        remoting.start();
        delayedDelivery = new DelayedDelivery(store, offsets);
        delayedDelivery.start();
        timerDelivery = new TimerDelivery(store, offsets);
        timerDelivery.start();
        transactionChecker = new TransactionChecker(store, transactions, clients, remoting::invokeOneway,
                config.tuning(), config.brokerName());
        transactionChecker.start();
        registrar = new NamesrvRegistrar(config.withListen(config.bindAddress(), remoting.port()), topics, address());
        registrar.start();
        LOG.info("Broker {} of cluster {} serving on {}", config.brokerName(), config.clusterName(), address());
    }

    /**
     * The topics every broker has, as the official brokers create them: the key topic that lets
     * producers send to topics without a route yet (inheritable, so auto-created topics copy it),
     * a self-test topic, and topics named after the cluster and the broker, which tools use to find
     * a cluster's or a broker's route. (Name servers also refuse a first registration that carries a
     * single topic, taking it for an increment of one they missed.)
     */
    private void createSystemTopics() throws SQLException {
        topics.putIfAbsent(new TopicConfig(TopicNames.AUTO_CREATE_KEY, 8, 8, TopicPerm.READ_WRITE | TopicPerm.INHERIT,
                TopicConfig.SINGLE_TAG, 0, false, Map.of()));
        topics.putIfAbsent(TopicConfig.of(TopicNames.SELF_TEST, 1, 1));
        topics.putIfAbsent(TopicConfig.of(TopicNames.OFFSET_MOVED_EVENT, 1, 1));
        topics.putIfAbsent(TopicConfig.of(config.clusterName(), 16, 16).withPerm(TopicPerm.READ_WRITE | TopicPerm.INHERIT));
        topics.putIfAbsent(TopicConfig.of(config.brokerName(), 1, 1).withPerm(TopicPerm.READ_WRITE | TopicPerm.INHERIT));
    }

    /** The admin and statistics families, each on its own small pool: they must never starve sends or pulls. */
    private void registerAdminProcessors(ClientRegistry clients, ExecutorService sendExecutor,
                                         ExecutorService pullExecutor) {
        Set<String> reserved = Set.of(config.clusterName(), config.brokerName(), TopicNames.SELF_TEST);
        remoting.registerProcessor(new TopicAdminProcessor(config.brokerName(), reserved, topics, offsets, store, stats,
                this::topicsChanged, popLeases), BoundedExecutors.fixed("broker-admin-topic", 1, 1_000),
                TopicAdminProcessor.CODES);
        remoting.registerProcessor(new SubscriptionGroupProcessor(subscriptionGroups, offsets, popLeases),
                BoundedExecutors.fixed("broker-admin-group", 1, 1_000), SubscriptionGroupProcessor.CODES);
        remoting.registerProcessor(new ConsumerAdminProcessor(config.brokerName(), this::address, clients, topics,
                offsets, store, stats), BoundedExecutors.fixed("broker-admin-consumer", 1, 1_000),
                ConsumerAdminProcessor.CODES);
        remoting.registerProcessor(new ConsumerRelayProcessor(clients, store, config.brokerName(),
                (channel, relayed) -> remoting.invoke(channel, relayed, 10_000)),
                BoundedExecutors.fixed("broker-admin-relay", 1, 100), ConsumerRelayProcessor.CODES);
        remoting.registerProcessor(new ResetOffsetProcessor(config.brokerName(), topics, subscriptionGroups, offsets,
                store, clients, remoting::invokeOneway, popLeases), BoundedExecutors.fixed("broker-admin-reset", 1, 100),
                ResetOffsetProcessor.CODES);
        remoting.registerProcessor(new BrokerAdminProcessor(config, settings, store, stats,
                () -> poolQueues(sendExecutor, pullExecutor)), BoundedExecutors.fixed("broker-admin", 1, 1_000),
                BrokerAdminProcessor.CODES);
    }

    private static Map<String, String> poolQueues(ExecutorService send, ExecutorService pull) {
        Map<String, String> sizes = new LinkedHashMap<>();
        if (send instanceof ThreadPoolExecutor pool) {
            sizes.put("sendThreadPoolQueueSize", String.valueOf(pool.getQueue().size()));
            sizes.put("sendThreadPoolQueueCapacity", String.valueOf(pool.getQueue().size() + pool.getQueue().remainingCapacity()));
        }
        if (pull instanceof ThreadPoolExecutor pool) {
            sizes.put("pullThreadPoolQueueSize", String.valueOf(pool.getQueue().size()));
            sizes.put("pullThreadPoolQueueCapacity", String.valueOf(pool.getQueue().size() + pool.getQueue().remainingCapacity()));
        }
        return sizes;
    }

    /**
     * A consumer group named in a heartbeat gets its subscription group with default settings, as on
     * the official broker (unless an administrator switched that off).
     */
    private void consumerGroupSeen(String group) {
        if (!settings.autoCreateSubscriptionGroup() || group.startsWith("%")) {
            return;
        }
        try {
            if (subscriptionGroups.createIfAbsent(group)) {
                LOG.info("Subscription group {} created at its first heartbeat", group);
            }
        } catch (SQLException e) {
            LOG.error("Creating the subscription group {} failed; it will be tried at its next heartbeat", group, e);
        }
    }

    /** Members of a consumer group rebalance at once when told its membership changed. */
    private void tellGroupToRebalance(String group, ClientRegistry.ConsumerGroup members) {
        RemotingCommand notice = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                new ConsumerGroupRequestHeader(group));
        for (io.netty.channel.Channel channel : members.channels()) {
            remoting.invokeOneway(channel, notice.withNewOpaque());
        }
    }

    private void topicsChanged() {
        if (registrar != null) {
            registrar.registerSoon();
        }
    }

    /** The settings it was started with. */
    public BrokerConfig config() {
        return config;
    }

    /** {@code host:port} that clients reach this broker at. */
    public String address() {
        return config.advertisedHost() + ":" + remoting.port();
    }

    public int port() {
        return remoting.port();
    }

    public MessageStore store() {
        return store;
    }

    public TopicConfigStore topics() {
        return topics;
    }

    /** Unregisters, stops serving (answering what is in progress), and closes the store cleanly. */
    public synchronized void stop() {
        if (registrar != null) {
            registrar.stop();
        }
        if (transactionChecker != null) {
            transactionChecker.stop();
        }
        if (timerDelivery != null) {
            timerDelivery.stop();
        }
        if (delayedDelivery != null) {
            delayedDelivery.stop();
        }
        if (pullHold != null) {
            pullHold.stop();
        }
        if (remoting != null) {
            remoting.shutdown();
        }
        if (offsets != null) {
            offsets.close();
        }
        if (store != null) {
            store.close();
        }
        if (stats != null) {
            stats.stop();
        }
        if (subscriptionGroups != null) {
            subscriptionGroups.close();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
