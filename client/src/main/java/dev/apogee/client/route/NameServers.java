package dev.apogee.client.route;

import dev.apogee.client.ClientException;
import dev.apogee.client.NetworkException;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The name servers of a client, used one at a time: requests go to the one that answered last; when it
 * cannot be reached the next is tried, and so on around the list, so one dead name server costs a
 * single failed attempt, not one per request.
 */
public final class NameServers {

    private static final Logger LOG = LogManager.getLogger(NameServers.class);

    private final List<String> addresses;
    private final Rpc rpc;
    private final AtomicInteger current = new AtomicInteger();

    /** The name servers at {@code addresses}, reached through {@code rpc}. */
    public NameServers(List<String> addresses, Rpc rpc) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one name server address is required");
        }
        this.addresses = List.copyOf(addresses);
        this.rpc = rpc;
    }

    /** Every configured address. */
    public List<String> addresses() {
        return addresses;
    }

    /** The address requests go to now. */
    public String current() {
        return addresses.get(Math.floorMod(current.get(), addresses.size()));
    }

    /**
     * Sends {@code request} to the current name server, failing over to the others when it cannot be
     * reached; the future completes with the first answer (any code) or fails with the last
     * {@link NetworkException} once every name server was tried.
     */
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        return attempt(request, timeoutMillis, current.get(), 0);
    }

    private CompletableFuture<RemotingCommand> attempt(RemotingCommand request, long timeoutMillis, int index,
                                                       int tried) {
        String address = addresses.get(Math.floorMod(index, addresses.size()));
        RemotingCommand sent = tried == 0 ? request : request.withNewOpaque();
        return rpc.invoke(address, sent, timeoutMillis).handle((response, failure) -> {
            if (failure == null) {
                current.set(Math.floorMod(index, addresses.size()));
                return CompletableFuture.completedFuture(response);
            }
            Throwable cause = Rpc.unwrap(failure);
            if (!(cause instanceof NetworkException) || tried + 1 >= addresses.size()) {
                return CompletableFuture.<RemotingCommand>failedFuture(cause instanceof ClientException
                        ? cause : new ClientException("name server request failed: " + cause, cause));
            }
            LOG.warn("name server {} failed ({}), trying the next one", address, cause.getMessage());
            return attempt(request, timeoutMillis, index + 1, tried + 1);
        }).thenCompose(future -> future);
    }
}
