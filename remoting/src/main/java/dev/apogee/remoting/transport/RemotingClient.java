package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A remoting client: one connection per server address, opened on first use and reused by every
 * request to that address; requests are correlated to responses by opaque, with a timeout each.
 * Servers may send requests back on the same connections (a broker notifying a consumer); those go
 * to the processors registered here, exactly as on a server.
 *
 * <p>Thread-safety: after {@link #start()}, all methods are safe to call from any thread.
 */
public final class RemotingClient implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(RemotingClient.class);

    private final ClientConfig config;
    private final ProcessorTable processors = new ProcessorTable();
    private final InFlightRequests inFlight;
    private final CommandDispatcher dispatcher;
    private final ConnectionWatcher watcher;
    private final Map<String, CompletableFuture<Channel>> channels = new ConcurrentHashMap<>();
    private EventLoopGroup ioGroup;
    /** Set when the client uses the process's shared event loops instead of a group of its own. */
    private SharedEventLoops.Lease sharedLoops;
    private volatile Bootstrap bootstrap;
    private volatile SslContext ssl;
    private volatile boolean stopped;

    public RemotingClient(ClientConfig config) {
        this.config = config;
        this.inFlight = new InFlightRequests(config.maxInFlight(), config.name());
        this.dispatcher = new CommandDispatcher(processors, inFlight);
        this.watcher = new ConnectionWatcher("client " + config.name(), inFlight, this::forget);
    }

    /** Routes server-initiated requests with {@code codes} to {@code processor} on {@code executor}. */
    public void registerProcessor(RequestProcessor processor, ExecutorService executor, int... codes) {
        processors.register(processor, executor, codes);
    }

    public void addChannelListener(ChannelListener listener) {
        watcher.addListener(listener);
    }

    /**
     * Starts the event loops; connections are opened lazily.
     *
     * @throws IOException if the TLS material cannot be read
     */
    public synchronized void start() throws IOException {
        if (bootstrap != null) {
            throw new IllegalStateException("already started");
        }
        ssl = config.tls().enabled() ? config.tls().clientContext() : null;
        if (config.ioThreads() == ClientConfig.SHARED_IO) {
            sharedLoops = SharedEventLoops.acquire();
            ioGroup = sharedLoops.group();
        } else {
            ioGroup = EventLoops.newGroup(config.name() + "-io", config.ioThreads());
        }
        bootstrap = new Bootstrap()
                .group(ioGroup)
                .channel(EventLoops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(initializer(null, null));
    }

    /**
     * The pipeline of one connection. The TLS handler is told the target host and port: without
     * them the engine cannot check that the certificate names the server and fails the handshake.
     */
    private ChannelInitializer<SocketChannel> initializer(SslContext ssl, InetSocketAddress target) {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (ssl != null) {
                    channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc(), target.getHostString(),
                            target.getPort()));
                }
                PipelineFactory.addRemotingHandlers(channel.pipeline(), config.maxFrameLength(),
                        config.idleTimeout(), dispatcher, watcher);
            }
        };
    }

    /**
     * Sends {@code request} to {@code address} ({@code host:port}); the future completes with the
     * response, or fails with a {@link RemotingException} on connect failure, send failure, a closed
     * connection or when {@code timeoutMillis} (connecting included) pass.
     */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, long timeoutMillis) {
        long start = System.nanoTime();
        return channel(address).thenCompose(channel -> {
            long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return inFlight.invoke(channel, request, Math.max(1, left));
        });
    }

    /** {@link #invoke} and wait: the response, or a {@link RemotingException}. */
    public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis) {
        try {
            return invoke(address, request, timeoutMillis).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemotingException("interrupted while waiting for a response from " + address, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RemotingException remoting) {
                throw remoting;
            }
            throw new RemotingException("request to " + address + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Sends {@code request} oneway; the future completes once it has been written. */
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request) {
        return channel(address).thenCompose(channel -> inFlight.invokeOneway(channel, request));
    }

    /** The open connection to {@code address}, connecting first if there is none. */
    public CompletableFuture<Channel> channel(String address) {
        if (stopped || bootstrap == null) {
            return CompletableFuture.failedFuture(new RemotingException("client " + config.name() + " is not running"));
        }
        // Every request asks: the common case (connected) reads the map without locking its bin.
        CompletableFuture<Channel> current = channels.get(address);
        if (isLive(current)) {
            return current;
        }
        return channels.compute(address, (key, existing) -> isLive(existing) ? existing : connect(key));
    }

    /** Whether {@code connection} is being made or made and open (false for null: none yet). */
    private static boolean isLive(CompletableFuture<Channel> connection) {
        return connection != null && (!connection.isDone()
                || !connection.isCompletedExceptionally() && connection.join().isActive());
    }

    private CompletableFuture<Channel> connect(String address) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        InetSocketAddress target;
        try {
            InetSocketAddress parsed = Addresses.parse(address);
            target = new InetSocketAddress(parsed.getHostString(), parsed.getPort());
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new RemotingConnectException("bad address: " + e.getMessage(), e));
            return result;
        }
        ChannelFuture connecting = bootstrap.clone().handler(initializer(ssl, target)).connect(target);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(new RemotingConnectException("cannot connect to " + address + ": "
                        + done.cause().getMessage(), done.cause()));
                return;
            }
            Channel channel = connecting.channel();
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                result.complete(channel);
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    result.complete(channel);
                } else {
                    channel.close();
                    result.completeExceptionally(new RemotingConnectException("TLS handshake with " + address
                            + " failed: " + handshake.cause().getMessage(), handshake.cause()));
                }
            });
        });
        return result;
    }

    /** Requests sent and still waiting for a response, over all connections. */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** Closes the connection to {@code address}, if any; in-flight requests on it fail. */
    public void closeChannel(String address) {
        CompletableFuture<Channel> connection = channels.remove(address);
        if (connection != null) {
            connection.thenAccept(Channel::close);
        }
    }

    private void forget(Channel channel) {
        channels.entrySet().removeIf(entry -> entry.getValue().isDone()
                && !entry.getValue().isCompletedExceptionally() && entry.getValue().join() == channel);
    }

    /** Closes every connection and stops the client's threads and registered executors. Idempotent. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (CompletableFuture<Channel> connection : new ArrayList<>(channels.values())) {
            // Only connections already made are waited for here; one still connecting completes on an
            // event loop, where waiting is forbidden, so it is just closed when it arrives.
            if (connection.isDone() && !connection.isCompletedExceptionally()) {
                closing.add(connection.join().close());
            } else {
                connection.thenAccept(Channel::close);
            }
        }
        channels.clear();
        for (ChannelFuture close : closing) {
            close.awaitUninterruptibly(config.connectTimeout().toMillis());
        }
        for (ExecutorService executor : processors.executors()) {
            executor.shutdown();
        }
        if (sharedLoops != null) {
            sharedLoops.close();
        } else if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        inFlight.close();
        LOG.debug("client {} stopped", config.name());
    }

    @Override
    public void close() {
        shutdown();
    }
}
