package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.tls.TlsDetector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A remoting server: accepts connections, routes each request to the processor registered for its
 * code, and can itself send requests to connected clients.
 *
 * <p>Lifecycle: construct, {@link #registerProcessor register} processors and listeners,
 * {@link #start()}, then {@link #shutdown()} (also on {@link #close()}), which stops accepting,
 * answers new requests SYSTEM_BUSY, waits up to the shutdown timeout for requests in progress to
 * be answered, then closes connections and stops every thread it owns, including the executors
 * registered with it.
 *
 * <p>Thread-safety: after start, all methods are safe to call from any thread.
 */
public final class RemotingServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(RemotingServer.class);

    private final ServerConfig config;
    private final ProcessorTable processors = new ProcessorTable();
    private final InFlightRequests inFlight;
    private final CommandDispatcher dispatcher;
    private final ConnectionWatcher watcher;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;
    private volatile boolean stopped;

    public RemotingServer(ServerConfig config) {
        this.config = config;
        this.inFlight = new InFlightRequests(config.maxInFlight(), config.name());
        this.dispatcher = new CommandDispatcher(processors, inFlight);
        this.watcher = new ConnectionWatcher("server " + config.name(), inFlight, null);
    }

    /**
     * Routes requests with {@code codes} to {@code processor}, run on {@code executor}, which this
     * server shuts down when it shuts down.
     */
    public void registerProcessor(RequestProcessor processor, ExecutorService executor, int... codes) {
        processors.register(processor, executor, codes);
    }

    public void addChannelListener(ChannelListener listener) {
        watcher.addListener(listener);
    }

    /**
     * Binds the listening socket.
     *
     * @throws IOException if the port cannot be bound or the TLS material cannot be read
     */
    public synchronized void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        SslContext ssl = config.tls().enabled() ? config.tls().serverContext() : null;
        acceptorGroup = EventLoops.newGroup(config.name() + "-accept", 1);
        ioGroup = EventLoops.newGroup(config.name() + "-io", config.ioThreads());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, ioGroup)
                .channel(EventLoops.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                // A restart right after a crash must rebind while old connections sit in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        if (ssl != null) {
                            channel.pipeline().addLast("tlsDetector", new TlsDetector(ssl, config.tls().mode()));
                        }
                        PipelineFactory.addRemotingHandlers(channel.pipeline(), config.maxFrameLength(),
                                config.idleTimeout(), dispatcher, watcher);
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopThreads();
            throw new IOException("interrupted while binding " + config.bindAddress() + ":" + config.port(), e);
        } catch (Exception e) {
            stopThreads();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e, e);
        }
        LOG.info("{} listening on {} ({}{})", config.name(), Addresses.format(serverChannel.localAddress()),
                EventLoops.isEpoll() ? "epoll" : "nio", ssl != null ? ", TLS " + config.tls().mode() : "");
    }

    /** The port actually bound (useful when the configured port was 0). */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** Sends a request to a connected client; the future completes with its response. */
    public CompletableFuture<RemotingCommand> invoke(Channel channel, RemotingCommand request, long timeoutMillis) {
        return inFlight.invoke(channel, request, timeoutMillis);
    }

    /** Sends a oneway request to a connected client; the future completes once written. */
    public CompletableFuture<Void> invokeOneway(Channel channel, RemotingCommand request) {
        return inFlight.invokeOneway(channel, request);
    }

    /** Requests this server sent to clients and still waits for. */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Graceful shutdown, see the class description. Idempotent. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        // Refuse new requests before closing the listener, so that once the port refuses
        // connections, every request on an existing connection is refused too.
        dispatcher.startDraining();
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        while (dispatcher.processing() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (dispatcher.processing() > 0) {
            LOG.warn("{}: {} requests still in progress after {}, closing anyway", config.name(),
                    dispatcher.processing(), config.shutdownTimeout());
        }
        connections.close().awaitUninterruptibly(config.shutdownTimeout().toMillis());
        for (ExecutorService executor : processors.executors()) {
            executor.shutdown();
        }
        for (ExecutorService executor : processors.executors()) {
            try {
                if (!executor.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
        stopThreads();
        LOG.info("{} stopped", config.name());
    }

    private void stopThreads() {
        inFlight.close();
        if (acceptorGroup != null) {
            acceptorGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
