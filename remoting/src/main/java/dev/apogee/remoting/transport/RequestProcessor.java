package dev.apogee.remoting.transport;

import dev.apogee.remoting.protocol.RemotingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Handles the requests of one code family. Runs on the executor it was registered with, never on
 * an event loop, so it may block briefly; work that waits long (a disk flush, a long poll) should
 * return an incomplete future and complete it later instead.
 */
@FunctionalInterface
public interface RequestProcessor {

    /**
     * Processes {@code request}.
     *
     * @return the response, possibly completed later; a future completed with null sends nothing
     *         (for oneway requests the response is discarded anyway)
     * @throws Exception any failure, answered as SYSTEM_ERROR with the exception's message;
     *                   a {@link dev.apogee.remoting.protocol.header.HeaderException} names the bad field
     */
    CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception;
}
