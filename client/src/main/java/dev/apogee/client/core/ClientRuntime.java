package dev.apogee.client.core;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.Registration;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.auth.RequestSigner;
import dev.apogee.client.net.ConnectBackoff;
import dev.apogee.client.net.LocalHost;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.NameServers;
import dev.apogee.client.route.Routes;
import dev.apogee.remoting.codec.FrameLayout;
import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.tls.TlsConfig;
import dev.apogee.remoting.transport.ChannelListener;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.remoting.transport.RequestProcessor;
import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One client's shared machinery, what RocketMQ calls a client instance: one {@link RemotingClient}
 * (so one connection per server, shared by every producer and consumer built on this runtime), the
 * routes of the topics they use ({@link #routes()}), heartbeats to every broker those routes name, and
 * the handlers of requests brokers send back. Producers and consumers build one each by default;
 * pass one runtime to several of them to share it ({@code Producer.builder().runtime(runtime)}); it is
 * then the caller's to close, after them.
 *
 * <p>Threads, all named {@code apogee-N-...} and stopped by {@link #close()}: the connections' event
 * loops ({@code -io-}), one timer ({@code -timer}: route refresh, heartbeats), a bounded pool that
 * completes asynchronous results ({@code -callback-}), and a bounded pool that runs broker requests
 * ({@code -broker-requests-}).
 *
 * <p>Extension points for consumers and the admin client:
 * {@link #addHeartbeatContributor} (what the heartbeats announce), {@link #registerBrokerRequestHandler}
 * (broker to client requests), {@link #routes()} (routes, broker addresses, route-change listeners),
 * {@link #rpc()} (requests to any server over the shared connections) and {@link #shared} (one
 * component per runtime, e.g. a rebalancer that every consumer of the runtime uses).
 */
public final class ClientRuntime implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ClientRuntime.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ClientSettings settings;
    private final String name;
    private final String clientId;
    private final RemotingClient remoting;
    private final Rpc rpc;
    private final NameServers nameServers;
    private final Routes routes;
    private final Heartbeats heartbeats;
    private final BrokerReconnects reconnects;
    private final BrokerRequestHandlers handlers;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor callbacks;
    private final ExecutorService brokerRequests;
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ClientRuntime(ClientSettings settings) {
        this.settings = settings;
        this.name = "apogee-" + SEQUENCE.incrementAndGet();
        this.clientId = LocalHost.ip() + "@" + settings.instanceName();
        this.remoting = new RemotingClient(new ClientConfig(name, settings.ioThreads(), Duration.ofSeconds(3),
                FrameLayout.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(120), 65_535, settings.tls()));
        this.timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(name + "-timer", true));
        timer.setRemoveOnCancelPolicy(true);
        // Completions must never be lost: when the queue is full the completing thread runs the callback itself.
        this.callbacks = new ThreadPoolExecutor(settings.callbackThreads(), settings.callbackThreads(), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(65_536), new NamedThreadFactory(name + "-callback", true),
                new ThreadPoolExecutor.CallerRunsPolicy());
        callbacks.allowCoreThreadTimeOut(true);
        RequestSigner signer = settings.credentials() == null ? null : new RequestSigner(settings.credentials());
        this.rpc = new Rpc(remoting, signer, new ConnectBackoff(settings.reconnectBackoff(),
                settings.maxReconnectBackoff()), "client runtime " + clientId, settings.headerEncoding());
        this.nameServers = new NameServers(settings.nameServers(), rpc);
        long timeout = settings.requestTimeout().toMillis();
        this.routes = new Routes(nameServers, timeout, callbacks);
        this.heartbeats = new Heartbeats(clientId, rpc, routes, timeout);
        this.reconnects = new BrokerReconnects(heartbeats, routes, timer, settings.reconnectBackoff(),
                settings.maxReconnectBackoff(), this::isClosed);
        this.brokerRequests = BoundedExecutors.fixed(name + "-broker-requests", 2, 1024);
        this.handlers = new BrokerRequestHandlers(remoting, brokerRequests);
    }

    /** A builder of a runtime. */
    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        try {
            remoting.start();
        } catch (IOException e) {
            shutdownThreads();
            throw new ClientException("cannot start the client: " + e.getMessage(), e);
        }
        remoting.addChannelListener(new ChannelListener() {
            @Override
            public void onConnect(String remoteAddress, Channel channel) {
                // A broker forgets a client with its connection: announce ourselves on every new one.
                if (routes.isBroker(remoteAddress)) {
                    runOnTimer(() -> heartbeats.sendTo(remoteAddress));
                }
            }

            @Override
            public void onClose(String remoteAddress, Channel channel) {
                // ... and cannot reach us until we connect again: do so without waiting for a request.
                reconnects.connectionClosed(remoteAddress);
            }
        });
        long refresh = settings.routeRefreshInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> guarded("route refresh", routes::refreshAll), refresh, refresh,
                TimeUnit.MILLISECONDS);
        long beat = settings.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> guarded("heartbeat", heartbeats::sendToAll), beat, beat,
                TimeUnit.MILLISECONDS);
        LOG.debug("client runtime {} started, name servers {}", clientId, settings.nameServers());
    }

    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log and carry on instead.
            LOG.warn("{} of client {} failed", what, clientId, e);
        }
    }

    private void runOnTimer(Runnable task) {
        try {
            timer.execute(() -> guarded("timer task", task));
        } catch (RejectedExecutionException e) {
            LOG.debug("client {} is closing; skipped a task", clientId);
        }
    }

    /** The client id brokers know this runtime by: {@code ip@instanceName}. */
    public String clientId() {
        return clientId;
    }

    /** The settings it was built with. */
    public ClientSettings settings() {
        return settings;
    }

    /** Requests to any server over this runtime's connections, signed as configured. */
    public Rpc rpc() {
        return rpc;
    }

    /** The name servers, for requests to them (admin). */
    public NameServers nameServers() {
        return nameServers;
    }

    /** Topic routes and broker addresses. */
    public Routes routes() {
        return routes;
    }

    /**
     * The executor that completes asynchronous results, so that callers' callbacks never run on an
     * I/O thread. Bounded; when full, the completing thread runs the callback itself.
     */
    public Executor callbackExecutor() {
        return callbacks;
    }

    /** The runtime's timer thread, for short periodic tasks (rebalancing, offset commits); never block on it. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Adds {@code contributor} to what heartbeats announce and sends a heartbeat to every known broker
     * now; closing the registration removes it and unregisters its groups from every broker
     * (UNREGISTER_CLIENT), waiting at most the request timeout.
     *
     * @throws ClientClosedException if the runtime is closed
     */
    public Registration addHeartbeatContributor(HeartbeatContributor contributor) {
        checkOpen();
        heartbeats.add(contributor);
        runOnTimer(heartbeats::sendToAll);
        return () -> {
            if (heartbeats.remove(contributor) && !closed) {
                awaitQuietly(heartbeats.unregister(contributor), "unregistering " + contributor);
            }
        };
    }

    /** Sends a heartbeat to every known broker now; the future completes when all answered or failed. */
    public CompletableFuture<Void> sendHeartbeats() {
        return heartbeats.sendToAll();
    }

    /**
     * {@link #sendHeartbeats()}, but the future fails with the {@link dev.apogee.client.ClientException}
     * of a broker that did not take its heartbeat (e.g. a {@link dev.apogee.client.BrokerRefusedException}
     * with NO_PERMISSION from a broker that checks credentials), and nothing is logged.
     */
    public CompletableFuture<Void> sendHeartbeatsOrFail() {
        return heartbeats.sendToAllOrFail();
    }

    /**
     * Routes requests with {@code code} that brokers send to this client to {@code handler}, run on the
     * runtime's broker-request pool (its answer goes back to the broker; a null answer sends none).
     *
     * @throws IllegalStateException if the code already has a handler
     */
    public Registration registerBrokerRequestHandler(int code, RequestProcessor handler) {
        checkOpen();
        return handlers.register(code, handler);
    }

    /**
     * The one component of {@code type} in this runtime, made by {@code factory} on first request. A
     * component that is {@link AutoCloseable} is closed when the runtime closes, before the connections.
     */
    public <T> T shared(Class<T> type, Function<ClientRuntime, T> factory) {
        checkOpen();
        return type.cast(components.computeIfAbsent(type, key -> factory.apply(this)));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("client runtime " + clientId);
        }
    }

    private void awaitQuietly(CompletableFuture<?> future, String what) {
        try {
            future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("{} did not finish: {}", what, e.toString());
        }
    }

    /**
     * Closes the shared components, unregisters every remaining contributor's groups from every
     * broker (waiting at most the request timeout), closes the connections and stops the threads.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Object component : new ArrayList<>(components.values())) {
            if (component instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", component, e);
                }
            }
        }
        List<CompletableFuture<?>> leaving = new ArrayList<>();
        for (HeartbeatContributor contributor : heartbeats.contributors()) {
            heartbeats.remove(contributor);
            leaving.add(heartbeats.unregister(contributor));
        }
        awaitQuietly(CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)), "unregistering");
        rpc.close();
        remoting.shutdown();
        shutdownThreads();
        LOG.debug("client runtime {} closed", clientId);
    }

    private void shutdownThreads() {
        timer.shutdownNow();
        brokerRequests.shutdown();
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("callbacks of client {} still running after the close timeout", clientId);
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacks.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ClientRuntime[" + clientId + ", name servers " + settings.nameServers() + "]";
    }

    /** Builds and starts a {@link ClientRuntime}. Only the name servers are required. */
    public static final class Builder {
        private List<String> nameServers = List.of();
        private String instanceName;
        private Credentials credentials;
        private TlsConfig tls = TlsConfig.DISABLED;
        private Duration requestTimeout = Duration.ofSeconds(3);
        private Duration routeRefreshInterval = Duration.ofSeconds(30);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int ioThreads = ClientConfig.SHARED_IO;
        private int callbackThreads = 4;
        private Duration reconnectBackoff = Duration.ofMillis(100);
        private Duration maxReconnectBackoff = Duration.ofSeconds(5);
        private SerializeType headerEncoding = SerializeType.ROCKETMQ;

        private Builder() {
        }

        /** The name servers, {@code host:port} each; one argument may also list several separated by {@code ;}. */
        public Builder nameServers(String... addresses) {
            List<String> all = new ArrayList<>();
            for (String address : addresses) {
                Arrays.stream(address.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(all::add);
            }
            this.nameServers = all;
            return this;
        }

        /** The name servers, {@code host:port} each. */
        public Builder nameServers(List<String> addresses) {
            return nameServers(addresses.toArray(String[]::new));
        }

        /** The instance part of the client id (default: {@code pid#nanotime}, unique per runtime). */
        public Builder instanceName(String name) {
            this.instanceName = name;
            return this;
        }

        /** Signs every request with these credentials (servers with ACL enabled require it). */
        public Builder credentials(Credentials newCredentials) {
            this.credentials = newCredentials;
            return this;
        }

        /** TLS to every server ({@link TlsConfig#client} or {@link TlsConfig#clientTrustingAll}). */
        public Builder tls(TlsConfig newTls) {
            this.tls = newTls;
            return this;
        }

        /** Timeout of the runtime's own requests: routes, heartbeats, unregistering (default 3 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How often known routes are fetched again (default 30 s). */
        public Builder routeRefreshInterval(Duration interval) {
            this.routeRefreshInterval = interval;
            return this;
        }

        /** How often brokers get a heartbeat (default 30 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * Event-loop threads of a group of this runtime's own; 0 (the default) shares the process's event
         * loops with every other client in it (as many threads as processors, at least 2).
         */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Threads completing asynchronous results (default 4). */
        public Builder callbackThreads(int threads) {
            this.callbackThreads = threads;
            return this;
        }

        /** The first wait after a failed connect (default 100 ms) and the longest (default 5 s). */
        public Builder reconnectBackoff(Duration first, Duration max) {
            this.reconnectBackoff = first;
            this.maxReconnectBackoff = max;
            return this;
        }

        /**
         * How request headers are encoded (default {@link SerializeType#ROCKETMQ}, the protocol's binary
         * encoding, which Apache RocketMQ servers and Apogee's read as well as JSON and which costs both
         * sides less: a message's properties need no JSON escaping). {@link SerializeType#JSON} is what
         * the official Java client sends by default.
         */
        public Builder headerEncoding(SerializeType encoding) {
            this.headerEncoding = encoding;
            return this;
        }

        /** The settings this builder describes. */
        public ClientSettings settings() {
            String instance = instanceName != null ? instanceName : LocalHost.pid() + "#" + System.nanoTime();
            return new ClientSettings(nameServers, instance, credentials, tls, requestTimeout, routeRefreshInterval,
                    heartbeatInterval, ioThreads, callbackThreads, reconnectBackoff, maxReconnectBackoff, headerEncoding);
        }

        /**
         * Builds and starts the runtime.
         *
         * @throws IllegalArgumentException if a setting is invalid (no name server, ...)
         * @throws ClientException          if it cannot start (unreadable TLS material)
         */
        public ClientRuntime build() {
            ClientRuntime runtime = new ClientRuntime(settings());
            runtime.start();
            return runtime;
        }
    }
}
