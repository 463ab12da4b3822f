package dev.apogee.remoting.testing;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers every request SUCCESS with the request's extFields, remark and body, so a test can check
 * what arrived by what comes back. Counts the requests it saw, oneway ones included.
 */
public final class EchoProcessor implements RequestProcessor {

    private final AtomicInteger received = new AtomicInteger();

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        received.incrementAndGet();
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, request.remark(),
                null, request.body()).withExtFields(request.extFields());
        return CompletableFuture.completedFuture(response);
    }

    /** Requests processed so far. */
    public int received() {
        return received.get();
    }
}
