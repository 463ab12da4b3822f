package dev.apogee.client.admin;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import java.time.Duration;

/**
 * Administers a cluster: what a desktop admin or an operator's script needs, in four areas.
 *
 * <pre>{@code
 * try (AdminClient admin = AdminClient.builder().nameServers("127.0.0.1:9876").build()) {
 *     admin.topics().createOrUpdate("DefaultCluster", TopicSpec.of("Orders", 8));
 *     GroupLag lag = admin.groups().lag("billing");
 *     List<MessageView> found = admin.messages().queryByKey("Orders", "order-42", from, to, 32);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #clusters()}: clusters, brokers, runtime figures, broker configuration;</li>
 *   <li>{@link #topics()}: list, create or change, delete, route, queue offsets;</li>
 *   <li>{@link #groups()}: list, live members, lag, offset resets;</li>
 *   <li>{@link #messages()}: query by key, unique id or offset id, browse a queue, send test messages.</li>
 * </ul>
 *
 * <p>Calls block (admin tools call from background threads) and fail with unchecked
 * {@link dev.apogee.client.ClientException}s; a refusal is a {@link dev.apogee.client.BrokerRefusedException}
 * with the server's code and remark. Thread-safe.
 */
public final class AdminClient implements AutoCloseable {

    private final ClientRuntime runtime;
    private final boolean ownsRuntime;
    private final ClusterAdmin clusters;
    private final TopicAdmin topics;
    private final GroupAdmin groups;
    private final MessageAdmin messages;
    private volatile boolean closed;

    private AdminClient(ClientRuntime runtime, boolean ownsRuntime, Duration requestTimeout) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        AdminRequests requests = new AdminRequests(runtime, requestTimeout.toMillis());
        this.clusters = new ClusterAdmin(requests);
        this.topics = new TopicAdmin(requests);
        this.groups = new GroupAdmin(requests);
        this.messages = new MessageAdmin(requests);
    }

    /** A builder of an admin client. */
    public static Builder builder() {
        return new Builder();
    }

    /** Clusters, brokers, their runtime figures and configuration. */
    public ClusterAdmin clusters() {
        checkOpen();
        return clusters;
    }

    /** Topics. */
    public TopicAdmin topics() {
        checkOpen();
        return topics;
    }

    /** Consumer groups. */
    public GroupAdmin groups() {
        checkOpen();
        return groups;
    }

    /** Messages: queries, browsing, test sends. */
    public MessageAdmin messages() {
        checkOpen();
        return messages;
    }

    /** The runtime it talks through (shared or its own). */
    public ClientRuntime runtime() {
        return runtime;
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("admin client");
        }
    }

    /** Closes the test producer if one was made, then the runtime if the admin client made it. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        messages.close();
        if (ownsRuntime) {
            runtime.close();
        }
    }

    /** Builds an {@link AdminClient}: name servers (it makes and owns its runtime) or a shared runtime. */
    public static final class Builder extends ClientBuilder<Builder> {
        private Duration requestTimeout = Duration.ofSeconds(5);

        private Builder() {
        }





        /** Timeout of each admin request (default 5 s). */
        public Builder requestTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, not " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Builds the admin client.
         *
         * @throws IllegalArgumentException if a setting is invalid (no name server, both a runtime and name servers)
         */
        public AdminClient build() {
            return buildOn("admin client", (use, owned) -> new AdminClient(use, owned, requestTimeout));
        }
    }
}
