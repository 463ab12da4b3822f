package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
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
 * <p>Thread-safety: safe for concurrent use from any thread.
 */
public final class InFlightRequests {

    private static final Logger LOG = LogManager.getLogger(InFlightRequests.class);

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore permits;
    private final Semaphore onewayPermits;

    private record Pending(CompletableFuture<RemotingCommand> future, Channel channel, int code,
                           ScheduledFuture<?> timeout) {
    }

    public InFlightRequests(int maxInFlight) {
        this.permits = new Semaphore(maxInFlight);
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
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> expire(opaque, timeoutMillis),
                timeoutMillis, TimeUnit.MILLISECONDS);
        Pending entry = new Pending(future, channel, request.code(), timeout);
        if (pending.putIfAbsent(opaque, entry) != null) {
            timeout.cancel(false);
            permits.release();
            future.completeExceptionally(new IllegalStateException("opaque " + opaque + " is already in flight"));
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

    /** Completes the request that {@code response} answers; a response nobody waits for is logged. */
    public void complete(RemotingCommand response) {
        Pending entry = pending.remove(response.opaque());
        if (entry == null) {
            LOG.debug("Response with opaque {} matches no request (timed out?)", response.opaque());
            return;
        }
        entry.timeout().cancel(false);
        permits.release();
        entry.future().complete(response);
    }

    /** Fails every request sent on {@code channel}: it closed, so no response can come. */
    public void failAll(Channel channel) {
        for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
            if (entry.getValue().channel() == channel) {
                fail(entry.getKey(), new RemotingConnectException("connection to " + Addresses.remote(channel)
                        + " closed before the response to " + RequestCode.name(entry.getValue().code())));
            }
        }
    }

    /** Number of requests waiting for a response. */
    public int size() {
        return pending.size();
    }

    private void expire(int opaque, long timeoutMillis) {
        Pending entry = pending.get(opaque);
        if (entry != null) {
            fail(opaque, new RemotingTimeoutException("no response to " + RequestCode.name(entry.code()) + " from "
                    + Addresses.remote(entry.channel()) + " within " + timeoutMillis + " ms"));
        }
    }

    private void fail(int opaque, Throwable cause) {
        Pending entry = pending.remove(opaque);
        if (entry != null) {
            entry.timeout().cancel(false);
            permits.release();
            entry.future().completeExceptionally(cause);
        }
    }
}
