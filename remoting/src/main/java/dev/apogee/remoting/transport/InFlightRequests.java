package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import io.netty.channel.Channel;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Requests this endpoint sent and still waits for, keyed by opaque. A response completes its
 * request's future; a timeout, a failed write or the channel closing fails it. At most
 * {@code maxInFlight} requests are outstanding at once, so a slow peer cannot grow this table
 * without bound.
 *
 * <p>Timeouts run on a hashed wheel (10 ms ticks) of this table's own: a request is sent from any
 * thread, and scheduling its timeout on the connection's event loop woke that loop and queued a task
 * for every request, which cost an asynchronous producer a good part of its throughput. Entering and
 * cancelling a wheel timeout is a queue operation.
 *
 * <p>Thread-safety: safe for concurrent use from any thread.
 */
public final class InFlightRequests implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(InFlightRequests.class);

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore permits;
    private final Semaphore onewayPermits;
    private final HashedWheelTimer timeouts;

    /** A request waiting for its response; the timeout is set right after the entry is published. */
    private static final class Pending {
        final CompletableFuture<RemotingCommand> future;
        final Channel channel;
        final int code;
        volatile Timeout timeout;

        Pending(CompletableFuture<RemotingCommand> future, Channel channel, int code) {
            this.future = future;
            this.channel = channel;
            this.code = code;
        }

        void cancelTimeout() {
            Timeout scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel();
            }
        }
    }

    /** @param name names the timeout thread ({@code <name>-timeouts}) */
    public InFlightRequests(int maxInFlight, String name) {
        this.permits = new Semaphore(maxInFlight);
        this.timeouts = new HashedWheelTimer(new NamedThreadFactory(name + "-timeouts", true), 10,
                TimeUnit.MILLISECONDS, 512);
        this.onewayPermits = new Semaphore(maxInFlight);
    }

    /** Sends {@code request} on {@code channel}; the future completes with its response. */
    public CompletableFuture<RemotingCommand> invoke(Channel channel, RemotingCommand request, long timeoutMillis) {
        CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        if (!permits.tryAcquire()) {
            future.completeExceptionally(new RemotingTooManyRequestsException(
                    "too many requests in flight, refusing " + RequestCode.name(request.code())));
            return future;
        }
        int opaque = request.opaque();
        Pending entry = new Pending(future, channel, request.code());
        if (pending.putIfAbsent(opaque, entry) != null) {
            permits.release();
            future.completeExceptionally(new IllegalStateException("opaque " + opaque + " is already in flight"));
            return future;
        }
        // Scheduled only once the entry is in the table: a short timeout that fired before the put
        // would find nothing to expire, and the request would then wait forever.
        try {
            entry.timeout = timeouts.newTimeout(t -> expire(opaque, entry, timeoutMillis), timeoutMillis,
                    TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            fail(opaque, new RemotingException("cannot send " + RequestCode.name(request.code()) + " to "
                    + Addresses.remote(channel) + ": the endpoint is shut down", e));
            return future;
        }
        channel.writeAndFlush(request).addListener(write -> {
            if (!write.isSuccess()) {
                fail(opaque, new RemotingException("cannot send " + RequestCode.name(request.code()) + " to "
                        + Addresses.remote(channel), write.cause()));
            }
        });
        return future;
    }

    /** Sends {@code request} as oneway; the future completes when it has been written. */
    public CompletableFuture<Void> invokeOneway(Channel channel, RemotingCommand request) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!onewayPermits.tryAcquire()) {
            written.completeExceptionally(new RemotingTooManyRequestsException(
                    "too many oneway requests being written, refusing " + RequestCode.name(request.code())));
            return written;
        }
        RemotingCommand oneway = request.isOneway() ? request : request.asOneway();
        channel.writeAndFlush(oneway).addListener(write -> {
            onewayPermits.release();
            if (write.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new RemotingException("cannot send oneway "
                        + RequestCode.name(request.code()) + " to " + Addresses.remote(channel), write.cause()));
            }
        });
        return written;
    }

    /**
     * Completes the request that {@code response}, read from {@code channel}, answers. A response
     * nobody waits for (timed out), or one arriving on another connection than its request went out
     * on, is dropped with a log line: opaques are only unique per requester, not per peer.
     */
    public void complete(Channel channel, RemotingCommand response) {
        Pending entry = pending.get(response.opaque());
        if (entry == null || entry.channel != channel) {
            LOG.debug("Response with opaque {} from {} matches no request (timed out?)", response.opaque(),
                    Addresses.remote(channel));
            return;
        }
        if (!pending.remove(response.opaque(), entry)) {
            return;
        }
        entry.cancelTimeout();
        permits.release();
        entry.future.complete(response);
    }

    /** Fails every request sent on {@code channel}: it closed, so no response can come. */
    public void failAll(Channel channel) {
        for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
            if (entry.getValue().channel == channel) {
                fail(entry.getKey(), new RemotingConnectException("connection to " + Addresses.remote(channel)
                        + " closed before the response to " + RequestCode.name(entry.getValue().code)));
            }
        }
    }

    /**
     * Fails whatever still waits and stops the timeout thread; the owner calls it once its
     * connections are closed. Idempotent.
     */
    @Override
    public void close() {
        for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
            fail(entry.getKey(), new RemotingException("no response to " + RequestCode.name(entry.getValue().code)
                    + " from " + Addresses.remote(entry.getValue().channel) + ": the endpoint was shut down"));
        }
        timeouts.stop();
    }

    /** Number of requests waiting for a response. */
    public int size() {
        return pending.size();
    }

    private void expire(int opaque, Pending entry, long timeoutMillis) {
        // Remove only this entry: the opaque may already belong to a newer request.
        if (pending.remove(opaque, entry)) {
            permits.release();
            entry.future.completeExceptionally(new RemotingTimeoutException("no response to "
                    + RequestCode.name(entry.code) + " from " + Addresses.remote(entry.channel) + " within "
                    + timeoutMillis + " ms"));
        }
    }

    private void fail(int opaque, Throwable cause) {
        Pending entry = pending.remove(opaque);
        if (entry != null) {
            entry.cancelTimeout();
            permits.release();
            entry.future.completeExceptionally(cause);
        }
    }
}
