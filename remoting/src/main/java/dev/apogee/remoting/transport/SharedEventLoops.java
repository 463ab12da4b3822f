package dev.apogee.remoting.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every {@link RemotingClient} of the process shares unless it asks for its own: as
 * many threads as processors (at least two), started with the first client and stopped with the last.
 *
 * <p>Why shared: an application often opens many clients (a JMS application a connection per
 * session pool, consumer or listener container), each with one busy connection. With a group per
 * client, every request and response wakes a thread of its own and each wake-up is a system call and
 * a context switch; a few threads serving all the connections find work from several of them in one
 * pass. Measured with eight JMS connections sending persistent messages: a fifth less CPU per send in
 * the sending process.
 *
 * <p>Thread-safety: {@link #acquire} and {@link Lease#close} may be called from any thread.
 */
public final class SharedEventLoops {

    private static final Object LOCK = new Object();
    private static EventLoopGroup group;
    private static int users;

    private SharedEventLoops() {
    }

    /** A lease of the shared group; the group stops once every lease is closed. */
    public static final class Lease implements AutoCloseable {
        private final EventLoopGroup leased;
        private boolean closed;

        private Lease(EventLoopGroup leased) {
            this.leased = leased;
        }

        public EventLoopGroup group() {
            return leased;
        }

        /** Gives the group back; the last lease stops it (waiting up to 2 s for its threads). Idempotent. */
        @Override
        public void close() {
            EventLoopGroup stopping = null;
            synchronized (LOCK) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--users == 0) {
                    stopping = group;
                    group = null;
                }
            }
            if (stopping != null) {
                Future<?> stopped = stopping.shutdownGracefully(0, 2, TimeUnit.SECONDS);
                // A client closed from one of the group's own threads cannot wait for that thread to end.
                if (!runsOn(stopping)) {
                    stopped.awaitUninterruptibly();
                }
            }
        }
    }

    private static boolean runsOn(EventLoopGroup loops) {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Leases the shared group, starting it if no client holds it. */
    public static Lease acquire() {
        synchronized (LOCK) {
            if (group == null) {
                group = EventLoops.newGroup("apogee-shared-io", threads());
            }
            users++;
            return new Lease(group);
        }
    }

    /** Clients holding the shared group now (0 when it is stopped). */
    public static int users() {
        synchronized (LOCK) {
            return users;
        }
    }

    static int threads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
