package dev.apogee.client.core;

import dev.apogee.client.auth.Credentials;
import dev.apogee.remoting.tls.TlsConfig;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What every client builder (producer, consumers, admin) has in common: where its connections come
 * from. Either a runtime of its own, made from the name servers, credentials, TLS and further runtime
 * options given here and closed with the client, or a {@link #runtime(ClientRuntime) shared} one that
 * the caller made and closes.
 *
 * @param <B> the concrete builder, so that the methods here chain with its own
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

    private final ClientRuntime.Builder runtimeBuilder = ClientRuntime.builder();
    private boolean runtimeOptionsSet;
    private ClientRuntime shared;

    protected ClientBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The name servers of the client's own runtime ({@code host:port}, several allowed). */
    public B nameServers(String... addresses) {
        runtimeBuilder.nameServers(addresses);
        runtimeOptionsSet = true;
        return self();
    }

    /** Signs the requests of the client's own runtime (RocketMQ's ACL access key and secret key). */
    public B credentials(Credentials credentials) {
        runtimeBuilder.credentials(credentials);
        runtimeOptionsSet = true;
        return self();
    }

    /** TLS for the client's own runtime. */
    public B tls(TlsConfig tls) {
        runtimeBuilder.tls(tls);
        runtimeOptionsSet = true;
        return self();
    }

    /** Further settings of the client's own runtime (timeouts, intervals, threads). */
    public B runtimeOptions(Consumer<ClientRuntime.Builder> options) {
        options.accept(runtimeBuilder);
        runtimeOptionsSet = true;
        return self();
    }

    /**
     * Works through {@code runtime} instead of a runtime of its own; the caller closes it, after the
     * client. Name servers, credentials, TLS and runtime options then belong to that runtime.
     */
    public B runtime(ClientRuntime runtime) {
        this.shared = runtime;
        return self();
    }

    /** The shared runtime given to {@link #runtime(ClientRuntime)}, or null. */
    protected ClientRuntime sharedRuntime() {
        return shared;
    }

    /**
     * Makes the client with {@code create} (given the runtime and whether the client owns it) on the
     * shared runtime or on one of its own; a runtime of its own is closed again if making the client
     * fails.
     *
     * @param what names the client in the error for connection settings given with a shared runtime
     * @throws IllegalArgumentException if connection settings were given along with a shared runtime,
     *                                  or the runtime's settings are invalid (no name server, ...)
     */
    protected <T> T buildOn(String what, BiFunction<ClientRuntime, Boolean, T> create) {
        if (shared != null && runtimeOptionsSet) {
            throw new IllegalArgumentException("name servers, credentials, TLS and runtime options belong to "
                    + "the shared runtime; set them there, not on the " + what);
        }
        ClientRuntime use = shared != null ? shared : runtimeBuilder.build();
        boolean owned = use != shared;
        try {
            return create.apply(use, owned);
        } catch (RuntimeException e) {
            if (owned) {
                use.close();
            }
            throw e;
        }
    }
}
