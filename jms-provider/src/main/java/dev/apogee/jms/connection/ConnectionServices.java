package dev.apogee.jms.connection;

import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.TransactionProducer;
import dev.apogee.client.producer.TransactionState;
import dev.apogee.jms.ObjectMessageTrust;
import dev.apogee.jms.ProviderSettings;
import dev.apogee.jms.message.MessageMapper;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What one connection's sessions share: one {@link ClientRuntime} (one set of broker connections), one
 * producer (transactional, so that transacted sessions can publish half messages), an admin client, the
 * message mapper, and the outcome of this connection's local transactions for the broker's checks.
 */
public final class ConnectionServices implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ConnectionServices.class);

    private final String connectionId = UUID.randomUUID().toString().replace("-", "");
    private final ProviderSettings settings;
    private final ClientRuntime runtime;
    private final TransactionProducer producer;
    private final AdminClient admin;
    private final MessageMapper mapper;
    /** Unique ids of half messages → the state of their session's transaction, for broker checks. */
    private final Map<String, TransactionState> halves = new ConcurrentHashMap<>();

    ConnectionServices(ProviderSettings settings, Credentials credentials) {
        this.settings = settings;
        ClientRuntime.Builder builder = ClientRuntime.builder().nameServers(settings.nameServerList())
                .instanceName("jms-" + connectionId)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        if (credentials != null) {
            builder.credentials(credentials);
        }
        this.runtime = builder.build();
        try {
            // A group per connection: the broker asks only this connection about its half messages, and a
            // half message of a connection that died is rolled back after the broker's checks give up.
            this.producer = Producer.builder().runtime(runtime).group("JMSP-" + connectionId)
                    .sendTimeout(settings.sendTimeout())
                    .buildTransactional(half -> halves.getOrDefault(half.messageId(), TransactionState.ROLLBACK));
            this.admin = AdminClient.builder().runtime(runtime).build();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        this.mapper = new MessageMapper(ObjectMessageTrust.fromSystemProperties());
    }

    /** This connection's unique id (also in every message it sends, for noLocal). */
    public String connectionId() {
        return connectionId;
    }

    public ProviderSettings settings() {
        return settings;
    }

    public ClientRuntime runtime() {
        return runtime;
    }

    public TransactionProducer producer() {
        return producer;
    }

    public AdminClient admin() {
        return admin;
    }

    public MessageMapper mapper() {
        return mapper;
    }

    /** Records how the transaction of half message {@code uniqueId} stands (null: forget it). */
    public void halfState(String uniqueId, TransactionState state) {
        if (state == null) {
            halves.remove(uniqueId);
        } else {
            halves.put(uniqueId, state);
        }
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the producer of connection {}: {}", connectionId, e.toString());
        }
        admin.close();
        runtime.close();
    }
}
