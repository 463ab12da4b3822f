package dev.apogee.namesrv;

import dev.apogee.namesrv.config.RuntimeSettings;
import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.namesrv.processor.BrokerRegistrationProcessor;
import dev.apogee.namesrv.processor.ClusterAdminProcessor;
import dev.apogee.namesrv.processor.KvConfigProcessor;
import dev.apogee.namesrv.processor.NamesrvConfigProcessor;
import dev.apogee.namesrv.processor.RouteQueryProcessor;
import dev.apogee.namesrv.route.BrokerLiveness;
import dev.apogee.namesrv.route.RouteTable;
import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.transport.RemotingServer;
import dev.apogee.remoting.transport.ServerConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An embeddable name server: the route table, the KV config and the remoting server that answers
 * brokers, clients and admins.
 *
 * <p>Each request family runs on its own bounded executor, so a flood of route lookups cannot
 * delay broker registrations (which would expire brokers) and vice versa:
 * <ul>
 *   <li>routes: GET_ROUTEINFO_BY_TOPIC</li>
 *   <li>brokers: REGISTER/UNREGISTER_BROKER, BROKER_HEARTBEAT, QUERY_DATA_VERSION</li>
 *   <li>cluster admin: cluster info, topic lists, write permission, topic delete/register, member group</li>
 *   <li>KV config: PUT/GET/DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE</li>
 *   <li>config: GET/UPDATE_NAMESRV_CONFIG</li>
 * </ul>
 * Any other code answers REQUEST_CODE_NOT_SUPPORTED.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop()} (also {@link #close()}), which answers
 * the requests in progress, closes connections and closes the KV database.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} are synchronized; everything else is safe
 * from any thread.
 */
public final class NamesrvServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(NamesrvServer.class);

    private final NamesrvConfig config;
    private final RuntimeSettings settings = new RuntimeSettings();
    private final RouteTable routes;
    private KvStore kv;
    private RemotingServer server;
    private BrokerLiveness liveness;
    private boolean stopped;

    public NamesrvServer(NamesrvConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.routes = new RouteTable(config.brokerExpiry().toMillis(), System::currentTimeMillis,
                settings::deleteTopicWithBrokerRegistration);
    }

    /**
     * Opens the KV config and starts listening.
     *
     * @throws IOException if the port cannot be bound; {@link dev.apogee.namesrv.kv.KvStoreException}
     *                     if the KV database cannot be opened. Nothing is left running either way.
     */
    public synchronized void start() throws IOException {
        if (server != null || stopped) {
            throw new IllegalStateException("a name server starts once");
        }
        kv = KvStore.open(config.kvDirectory());
        RemotingServer remoting = new RemotingServer(ServerConfig.defaults("namesrv", config.port())
                .withBindAddress(config.bindAddress()));
        int queue = config.queueCapacity();
        remoting.registerProcessor(new RouteQueryProcessor(routes, kv, settings),
                BoundedExecutors.fixed("namesrv-route", config.routeThreads(), queue * 5), RouteQueryProcessor.CODES);
        remoting.registerProcessor(new BrokerRegistrationProcessor(routes, kv, settings),
                BoundedExecutors.fixed("namesrv-broker", config.brokerThreads(), queue),
                BrokerRegistrationProcessor.CODES);
        remoting.registerProcessor(new ClusterAdminProcessor(routes, settings),
                BoundedExecutors.fixed("namesrv-admin", config.adminThreads(), queue), ClusterAdminProcessor.CODES);
        remoting.registerProcessor(new KvConfigProcessor(kv),
                BoundedExecutors.fixed("namesrv-kv", config.adminThreads(), queue), KvConfigProcessor.CODES);
        remoting.registerProcessor(new NamesrvConfigProcessor(settings, this::startupSettings),
                BoundedExecutors.fixed("namesrv-config", 1, 100), NamesrvConfigProcessor.CODES);
        BrokerLiveness monitor = new BrokerLiveness(routes, config.expiryScanInterval());
        remoting.addChannelListener(monitor);
        try {
            remoting.start();
        } catch (IOException | RuntimeException e) {
            remoting.shutdown();
            monitor.stop();
            kv.close();
            throw e;
        }
        monitor.start();
        server = remoting;
        liveness = monitor;
        LOG.info("Name server started on {}:{}, data in {}", config.bindAddress(), server.port(),
                config.dataDir().toAbsolutePath());
    }

    /** The port listened on (the actual one when the configured port was 0). */
    public int port() {
        RemotingServer running = server;
        if (running == null) {
            throw new IllegalStateException("not started");
        }
        return running.port();
    }

    /** The routing state, for embedding (a standalone broker) and tests. */
    public RouteTable routes() {
        return routes;
    }

    /** The run-time settings. */
    public RuntimeSettings settings() {
        return settings;
    }

    /** Stops answering, closes connections, stops the expiry scan and closes the KV database. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (server != null) {
            server.shutdown();
        }
        if (liveness != null) {
            liveness.stop();
        }
        if (kv != null) {
            kv.close();
        }
        LOG.info("Name server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private Map<String, String> startupSettings() {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("bindAddress", config.bindAddress());
        fixed.put("listenPort", Integer.toString(server == null ? config.port() : server.port()));
        fixed.put("dataDir", config.dataDir().toAbsolutePath().toString());
        fixed.put("kvConfigPath", config.kvDirectory().toAbsolutePath().toString());
        fixed.put("brokerExpiryMillis", Long.toString(config.brokerExpiry().toMillis()));
        fixed.put("scanNotActiveBrokerInterval", Long.toString(config.expiryScanInterval().toMillis()));
        fixed.put("clientRequestThreadPoolNums", Integer.toString(config.routeThreads()));
        fixed.put("defaultThreadPoolNums", Integer.toString(config.brokerThreads()));
        return fixed;
    }
}
