package dev.apogee.remoting.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Picks the native epoll transport where it loads (Linux x86-64 with the native jar on the class
 * path) and NIO everywhere else. The system property {@code apogee.transport=nio} forces NIO.
 */
public final class EventLoops {

    private static final Logger LOG = LogManager.getLogger(EventLoops.class);
    private static final boolean EPOLL = useEpoll();

    private EventLoops() {
    }

    private static boolean useEpoll() {
        if ("nio".equalsIgnoreCase(System.getProperty("apogee.transport"))) {
            return false;
        }
        try {
            boolean available = Epoll.isAvailable();
            if (!available) {
                LOG.debug("Native epoll unavailable, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
            }
            return available;
        } catch (LinkageError e) {
            LOG.debug("Native epoll classes missing, using NIO", e);
            return false;
        }
    }

    /** True when the native epoll transport is in use. */
    public static boolean isEpoll() {
        return EPOLL;
    }

    /**
     * An event-loop group of {@code threads} daemon threads named {@code name-N}. They are Netty's
     * {@link FastThreadLocalThread}s: on any other thread Netty's buffer pools and recyclers find their
     * per-thread state through a slower fallback lookup, which showed in a client's profile.
     */
    public static EventLoopGroup newGroup(String name, int threads) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new FastThreadLocalThread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new MultiThreadIoEventLoopGroup(threads, factory, io);
    }

    public static Class<? extends ServerChannel> serverChannelType() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> channelType() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
