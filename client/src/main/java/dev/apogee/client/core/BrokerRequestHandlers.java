package dev.apogee.client.core;

import dev.apogee.client.Registration;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The handlers of requests brokers send to this client (CHECK_TRANSACTION_STATE,
 * NOTIFY_CONSUMER_IDS_CHANGED, GET_CONSUMER_RUNNING_INFO, ...), one per code. The transport's
 * processor table only grows, so a code is routed to this table once and the handler behind it can
 * come and go; a code without a handler is answered REQUEST_CODE_NOT_SUPPORTED.
 */
final class BrokerRequestHandlers {

    private final RemotingClient remoting;
    private final ExecutorService executor;
    private final Map<Integer, RequestProcessor> handlers = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> routed = new ConcurrentHashMap<>();

    BrokerRequestHandlers(RemotingClient remoting, ExecutorService executor) {
        this.remoting = remoting;
        this.executor = executor;
    }

    Registration register(int code, RequestProcessor handler) {
        RequestProcessor previous = handlers.putIfAbsent(code, handler);
        if (previous != null) {
            throw new IllegalStateException("broker request " + RequestCode.name(code) + " already has a handler: "
                    + previous);
        }
        routed.computeIfAbsent(code, key -> {
            remoting.registerProcessor((context, request) -> dispatch(key, context, request), executor, key);
            return Boolean.TRUE;
        });
        return () -> handlers.remove(code, handler);
    }

    RequestProcessor handler(int code) {
        return handlers.get(code);
    }

    private CompletableFuture<RemotingCommand> dispatch(int code, dev.apogee.remoting.transport.RequestContext context,
                                                        RemotingCommand request) throws Exception {
        RequestProcessor handler = handlers.get(code);
        if (handler == null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request,
                    ResponseCode.REQUEST_CODE_NOT_SUPPORTED, "this client no longer handles " + RequestCode.name(code)));
        }
        return handler.process(context, request);
    }
}
