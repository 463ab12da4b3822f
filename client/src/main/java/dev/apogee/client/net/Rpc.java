package dev.apogee.client.net;

import dev.apogee.client.BackPressureException;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.ConnectBackoffException;
import dev.apogee.client.NetworkException;
import dev.apogee.client.RequestTimeoutException;
import dev.apogee.client.auth.RequestSigner;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RemotingClient;
import dev.apogee.remoting.transport.RemotingConnectException;
import dev.apogee.remoting.transport.RemotingException;
import dev.apogee.remoting.transport.RemotingTimeoutException;
import dev.apogee.remoting.transport.RemotingTooManyRequestsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Requests to servers over the runtime's one {@link RemotingClient}: signs them when credentials are
 * set, keeps away from addresses that just refused connections ({@link ConnectBackoff}), and turns
 * transport failures into {@link ClientException}s. Every producer, consumer and admin request goes
 * through here, so they share connections.
 *
 * <p>Futures complete on an I/O thread: chain only quick work on them, or hop to an executor.
 */
public final class Rpc {

    private final RemotingClient remoting;
    private final RequestSigner signer;
    private final ConnectBackoff backoff;
    private final String owner;
    private final SerializeType headerEncoding;
    private volatile boolean closed;

    /**
     * Requests over {@code remoting} (started and owned by the caller), signed by {@code signer} when
     * not null, with their headers in {@code headerEncoding}; {@code owner} names the client in errors
     * after {@link #close()}.
     */
    public Rpc(RemotingClient remoting, RequestSigner signer, ConnectBackoff backoff, String owner,
               SerializeType headerEncoding) {
        this.headerEncoding = headerEncoding;
        this.remoting = remoting;
        this.signer = signer;
        this.backoff = backoff;
        this.owner = owner;
    }

    /**
     * {@code request} signed (when credentials are set) and in this client's header encoding (the codec
     * sends the 5.x codes that do not fit the binary header's two bytes, such as POP_MESSAGE, as JSON).
     */
    private RemotingCommand outgoing(RemotingCommand request) {
        RemotingCommand signed = signer == null ? request : signer.sign(request);
        return signed.serializeType() == headerEncoding ? signed : signed.withSerializeType(headerEncoding);
    }

    /**
     * Sends {@code request} to {@code address}; the future completes with whatever the server
     * answered (any code), or fails with a {@link ClientException} when no answer came.
     */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, long timeoutMillis) {
        ClientException refused = refuseEarly(address);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        RemotingCommand signed = outgoing(request);
        return remoting.invoke(address, signed, timeoutMillis).handle((response, failure) -> {
            if (failure != null) {
                throw translate(address, failure);
            }
            backoff.succeeded(address);
            return response;
        });
    }

    /**
     * {@link #invoke}, expecting SUCCESS: any other code fails the future with a
     * {@link BrokerRefusedException} carrying it.
     */
    public CompletableFuture<RemotingCommand> call(String address, RemotingCommand request, long timeoutMillis) {
        return invoke(address, request, timeoutMillis).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerRefusedException(address, response.code(), response.remark());
            }
            return response;
        });
    }

    /**
     * {@link #invoke}, except that a request refused only because its server is in its reconnect
     * backoff waits the backoff out while that fits in {@code timeoutMillis}. For requests made
     * on purpose (an administrator's command) rather than by background loops: a broker that could not
     * be reached a moment ago and is back should simply be asked.
     */
    public CompletableFuture<RemotingCommand> invokePatiently(String address, RemotingCommand request,
                                                             long timeoutMillis) {
        // One more millisecond: the wait is rounded down, and asking a moment early only finds it again.
        long wait = closed ? 0 : backoff.waitMillis(address) + 1;
        if (wait > 1 && wait < timeoutMillis) {
            return CompletableFuture.supplyAsync(() -> invokePatiently(address, request, timeoutMillis - wait),
                    CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)).thenCompose(next -> next);
        }
        return invoke(address, request, timeoutMillis);
    }

    /** {@link #invokePatiently} that accepts only SUCCESS, as {@link #call} does. */
    public CompletableFuture<RemotingCommand> callPatiently(String address, RemotingCommand request,
                                                           long timeoutMillis) {
        return invokePatiently(address, request, timeoutMillis).thenApply(response -> {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerRefusedException(address, response.code(), response.remark());
            }
            return response;
        });
    }

    /** {@link #call} and wait: the successful response, or the {@link ClientException}. */
    public RemotingCommand callSync(String address, RemotingCommand request, long timeoutMillis) {
        return await(call(address, request, timeoutMillis));
    }

    /** Sends {@code request} oneway; the future completes once it is written. */
    public CompletableFuture<Void> oneway(String address, RemotingCommand request) {
        ClientException refused = refuseEarly(address);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        RemotingCommand signed = outgoing(request);
        return remoting.invokeOneway(address, signed).handle((done, failure) -> {
            if (failure != null) {
                throw translate(address, failure);
            }
            backoff.succeeded(address);
            return null;
        });
    }

    /** Closes the connection to {@code address} (a consumer dropping a broker); requests on it fail. */
    public void disconnect(String address) {
        remoting.closeChannel(address);
    }

    /** Requests sent and not yet answered, over every connection. */
    public int inFlight() {
        return remoting.inFlightCount();
    }

    /** Refuses every further request with {@link ClientClosedException}. */
    public void close() {
        closed = true;
    }

    private ClientException refuseEarly(String address) {
        if (closed) {
            return new ClientClosedException(owner);
        }
        long wait = backoff.waitMillis(address);
        if (wait > 0) {
            return new ConnectBackoffException(address, wait);
        }
        return null;
    }

    /** The {@link ClientException} for a failure of a request to {@code address}. */
    ClientException translate(String address, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ClientException client) {
            return client;
        }
        if (cause instanceof RemotingTimeoutException) {
            return new RequestTimeoutException(address, cause.getMessage(), cause);
        }
        if (cause instanceof RemotingConnectException) {
            backoff.failed(address);
            return new NetworkException(address, cause.getMessage(), cause);
        }
        if (cause instanceof RemotingTooManyRequestsException) {
            return new BackPressureException(cause.getMessage());
        }
        if (closed) {
            return new ClientClosedException(owner);
        }
        if (cause instanceof RemotingException) {
            return new NetworkException(address, cause.getMessage(), cause);
        }
        return new ClientException("request to " + address + " failed: " + cause, cause);
    }

    /** The cause under completion wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Waits for {@code future}: its value, or its failure as a {@link ClientException} (others are
     * wrapped). Interruption keeps the flag and throws.
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof ClientException client) {
                throw client;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ClientException(cause.toString(), cause);
        }
    }
}
