package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BodyException;
import dev.apogee.remoting.protocol.header.HeaderException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The last inbound handler of every remoting pipeline: responses complete the matching in-flight
 * request; requests go to their processor's executor, off the event loop, and the processor's
 * answer is written back when its future completes.
 *
 * <p>Every request that expects an answer gets one: an unknown code gets REQUEST_CODE_NOT_SUPPORTED,
 * a full executor SYSTEM_BUSY, a bad header or a failing processor SYSTEM_ERROR with the reason.
 *
 * <p>Thread-safety: {@link ChannelHandler.Sharable}; the only state is the table (thread-safe),
 * the in-flight requests (thread-safe) and an atomic count of requests being processed.
 */
@ChannelHandler.Sharable
public final class CommandDispatcher extends SimpleChannelInboundHandler<RemotingCommand> {

    private static final Logger LOG = LogManager.getLogger(CommandDispatcher.class);

    private final ProcessorTable processors;
    private final InFlightRequests inFlight;
    private final AtomicInteger processing = new AtomicInteger();
    private volatile boolean draining;

    public CommandDispatcher(ProcessorTable processors, InFlightRequests inFlight) {
        this.processors = processors;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand command) {
        if (command.isResponse()) {
            inFlight.complete(ctx.channel(), command);
        } else {
            dispatch(ctx.channel(), command);
        }
    }

    /** Requests accepted and not yet answered. */
    public int processing() {
        return processing.get();
    }

    /** From now on, new requests are refused with SYSTEM_BUSY: the endpoint is shutting down. */
    public void startDraining() {
        draining = true;
    }

    private void dispatch(Channel channel, RemotingCommand request) {
        if (draining) {
            reply(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY,
                    "server is shutting down"));
            return;
        }
        ProcessorTable.Entry entry = processors.lookup(request.code());
        if (entry == null) {
            LOG.info("Request code {} from {} is not supported", request.code(), Addresses.remote(channel));
            reply(channel, request, RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " not supported"));
            return;
        }
        processing.incrementAndGet();
        try {
            entry.executor().execute(() -> run(entry.processor(), channel, request));
        } catch (RejectedExecutionException e) {
            processing.decrementAndGet();
            LOG.warn("Too many pending {} requests, answering {} with SYSTEM_BUSY",
                    RequestCode.name(request.code()), Addresses.remote(channel));
            reply(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY,
                    "too many requests, try again later"));
        }
    }

    private void run(RequestProcessor processor, Channel channel, RemotingCommand request) {
        CompletableFuture<RemotingCommand> answer;
        try {
            answer = processor.process(new RequestContext(channel), request);
            if (answer == null) {
                answer = CompletableFuture.completedFuture(null);
            }
        } catch (Exception e) {
            answer = CompletableFuture.failedFuture(e);
        } catch (Error e) {
            // The requester still gets an answer and the drain count stays right; the Error then goes
            // on to kill this worker thread (the pool replaces it) rather than being swallowed.
            reply(channel, request, errorResponse(channel, request, e), processing::decrementAndGet);
            throw e;
        }
        answer.whenComplete((response, failure) -> {
            // Counted as processing until the response is written: a graceful shutdown waits for
            // this count to reach zero and then closes the connections, which must not overtake it.
            if (failure != null) {
                reply(channel, request, errorResponse(channel, request, failure), processing::decrementAndGet);
            } else if (response != null) {
                reply(channel, request, response, processing::decrementAndGet);
            } else {
                processing.decrementAndGet();
            }
        });
    }

    private static RemotingCommand errorResponse(Channel channel, RemotingCommand request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HeaderException || cause instanceof BodyException) {
            LOG.info("Bad {} request from {}: {}", RequestCode.name(request.code()), Addresses.remote(channel),
                    cause.getMessage());
        } else {
            LOG.warn("Processing {} from {} failed", RequestCode.name(request.code()), Addresses.remote(channel),
                    cause);
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, message);
    }

    private static void reply(Channel channel, RemotingCommand request, RemotingCommand response) {
        reply(channel, request, response, () -> { });
    }

    /** Writes {@code response} unless the request was oneway; {@code done} runs once that is settled. */
    private static void reply(Channel channel, RemotingCommand request, RemotingCommand response, Runnable done) {
        if (request.isOneway()) {
            done.run();
            return;
        }
        if (!channel.isActive()) {
            LOG.debug("Dropping response to {}: {} closed", RequestCode.name(request.code()), Addresses.remote(channel));
            done.run();
            return;
        }
        ChannelFutureListener written = write -> {
            done.run();
            if (!write.isSuccess()) {
                LOG.warn("Cannot write response to {} to {}", RequestCode.name(request.code()),
                        Addresses.remote(channel), write.cause());
            }
        };
        if (!ReplyBatch.offer(channel, response, written)) {
            channel.writeAndFlush(response).addListener(written);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
    }
}
