package dev.apogee.remoting.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gathers the responses that one thread writes while it completes many requests at once (the store
 * answering every put a force covered) and hands them to each channel's event loop in one task per
 * loop. Written one by one from a foreign thread, every response wakes its I/O thread by itself (an
 * {@code eventfd} write and a return from {@code epoll_wait}), often more than once per batch, since a
 * loop that caught up goes back to sleep before the next response arrives.
 *
 * <p>Thread-confined: a batch belongs to the thread that runs {@link #during}.
 */
public final class ReplyBatch {

    private static final ThreadLocal<ReplyBatch> CURRENT = new ThreadLocal<>();

    private record Reply(Channel channel, Object message, ChannelFutureListener written) {
    }

    private final Map<EventLoop, List<Reply>> byLoop = new IdentityHashMap<>(4);

    private ReplyBatch() {
    }

    /**
     * Runs {@code work}; the responses it writes through the server's dispatcher leave when it returns
     * (or throws), one task per event loop. Nested calls join the outer batch.
     */
    public static void during(Runnable work) {
        if (CURRENT.get() != null) {
            work.run();
            return;
        }
        ReplyBatch batch = new ReplyBatch();
        CURRENT.set(batch);
        try {
            work.run();
        } finally {
            CURRENT.remove();
            batch.dispatch();
        }
    }

    /**
     * Takes {@code message} into the current thread's batch; false (and nothing taken) when there is
     * none, or when the caller is the channel's own event loop, which writes at once anyway.
     */
    static boolean offer(Channel channel, Object message, ChannelFutureListener written) {
        ReplyBatch batch = CURRENT.get();
        if (batch == null || channel.eventLoop().inEventLoop()) {
            return false;
        }
        batch.byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(new Reply(channel, message,
                written));
        return true;
    }

    private void dispatch() {
        byLoop.forEach((loop, replies) -> {
            try {
                loop.execute(() -> writeAll(replies));
            } catch (RejectedExecutionException e) {
                // The loop is shut down (the server is closing): the writes fail, as writeAndFlush's would.
                for (Reply reply : replies) {
                    ReferenceCountUtil.release(reply.message());
                    try {
                        reply.written().operationComplete(reply.channel().newFailedFuture(e));
                    } catch (Exception listenerFailure) {
                        e.addSuppressed(listenerFailure);
                    }
                }
            }
        });
    }

    private static void writeAll(List<Reply> replies) {
        for (Reply reply : replies) {
            reply.channel().write(reply.message()).addListener(reply.written());
        }
        Channel flushed = null;
        for (Reply reply : replies) {
            // Consecutive replies to one channel need one flush; a repeated flush of a channel finds nothing.
            if (reply.channel() != flushed) {
                reply.channel().flush();
                flushed = reply.channel();
            }
        }
    }
}
