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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    /** The broker liveness check, once an ExceptionListener asked for it. */
    private ScheduledFuture<?> liveness;

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

    /**
     * Checks every few seconds that the brokers this connection uses answer (a heartbeat to each, as
     * the runtime sends every 30 s anyway), and tells {@code onFailure} when one does not: an ExceptionListener
     * hears of a lost broker even on a connection that only sends. Started once; stopped by {@link #close}.
     */
    public synchronized void watchBrokers(Duration interval, Consumer<Throwable> onFailure) {
        if (liveness != null || runtime.isClosed()) {
            return;
        }
        long every = interval.toMillis();
        liveness = runtime.timer().scheduleWithFixedDelay(() -> runtime.sendHeartbeatsOrFail()
                .whenComplete((done, failure) -> {
                    if (failure != null && !runtime.isClosed()) {
                        onFailure.accept(failure);
                    }
                }), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (liveness != null) {
                liveness.cancel(false);
            }
        }
        try {
            producer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the producer of connection {}: {}", connectionId, e.toString());
        }
        admin.close();
        runtime.close();
    }
}
