package dev.apogee.jms;

import dev.apogee.client.auth.Credentials;
import dev.apogee.jms.connection.ApogeeConnection;
import dev.apogee.jms.context.ApogeeJMSContext;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.internal.JmsRuntime;
import dev.apogee.jms.jndi.ApogeeObjectFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * Apogee's connection factory: {@code new ApogeeConnectionFactory("apogee://127.0.0.1:9876")} (several name
 * servers: {@code apogee://host1:9876;host2:9876}), or a JavaBean whose setters Spring, an application server or
 * JNDI call. Settings are read when a connection is made.
 *
 * <p>Bean properties: {@code url}, {@code clientID}, {@code invisibleTimeMillis}, {@code pollTimeoutMillis},
 * {@code releaseDelayMillis}, {@code maxDeliveries}, {@code deadLetterQueue}, {@code sendTimeoutMillis},
 * {@code prefetch}, {@code userName}, {@code password}.
 *
 * <p>A user name and password are RocketMQ ACL credentials (access key and secret key): every request of the
 * connection is signed with them, and a broker that refuses them makes the operation fail with a
 * {@code JMSSecurityException}. {@code createConnection(user, password)} uses the given ones; the no-argument
 * methods use the factory's {@code userName}/{@code password}, if set.
 */
public class ApogeeConnectionFactory implements QueueConnectionFactory, TopicConnectionFactory, Serializable,
        Referenceable {

    private static final long serialVersionUID = 1L;
    /** The scheme of a connection URL. */
    public static final String SCHEME = "apogee";

    private String url = SCHEME + "://127.0.0.1:9876";
    private String clientID;
    private int prefetch = ProviderSettings.DEFAULT_PREFETCH;
    private String userName;
    private transient String password;
    private long invisibleTimeMillis = 60_000;
    private long pollTimeoutMillis = 1_000;
    private long releaseDelayMillis = 1_000;
    private int maxDeliveries = 16;
    private String deadLetterQueue = ProviderSettings.DEFAULT_DLQ;
    private long sendTimeoutMillis = 3_000;

    /** A factory for name servers on 127.0.0.1:9876 (a bean to configure). */
    public ApogeeConnectionFactory() {
    }

    /** A factory for {@code url}, {@code apogee://host:port[;host:port...]}. */
    public ApogeeConnectionFactory(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    /** @throws IllegalArgumentException if it is not {@code apogee://host:port[;host:port...]} */
    public void setUrl(String url) {
        nameServers(url);
        this.url = url;
    }

    private static String nameServers(String url) {
        if (url == null || !url.startsWith(SCHEME + "://") || url.length() == SCHEME.length() + 3) {
            throw new IllegalArgumentException("not an Apogee URL (apogee://host:port[;host:port...]): " + url);
        }
        String servers = url.substring(SCHEME.length() + 3);
        int query = servers.indexOf('?');
        if (query >= 0) {
            servers = servers.substring(0, query);
        }
        for (String server : servers.split(";")) {
            URI check = URI.create("tcp://" + server);
            if (check.getHost() == null || check.getPort() < 0) {
                throw new IllegalArgumentException("not host:port in " + url + ": " + server);
            }
        }
        return servers;
    }

    /**
     * Most messages a consumer takes from the broker ahead of its receives (1..32; 1 turns prefetch off). A
     * consumer starts with one per request and doubles while its application keeps receiving, so a consumer
     * made for one receive takes one.
     */
    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    /** The user name (RocketMQ access key) of connections made without one; null for none. */
    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    /** Sets the password (RocketMQ secret key) of connections made without a user name; never read back. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientID() {
        return clientID;
    }

    /** The client id every connection gets (at most one connection at a time may use it). */
    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public long getInvisibleTimeMillis() {
        return invisibleTimeMillis;
    }

    /** How long a received message stays hidden from other consumers before it is delivered again. */
    public void setInvisibleTimeMillis(long millis) {
        this.invisibleTimeMillis = millis;
    }

    public long getPollTimeoutMillis() {
        return pollTimeoutMillis;
    }

    /** The longest single long poll; also how soon a closed or stopped consumer notices. */
    public void setPollTimeoutMillis(long millis) {
        this.pollTimeoutMillis = millis;
    }

    public long getReleaseDelayMillis() {
        return releaseDelayMillis;
    }

    /** How long a queue message a client-side selector rejected stays hidden from that consumer. */
    public void setReleaseDelayMillis(long millis) {
        this.releaseDelayMillis = millis;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    /** Deliveries after which a message goes to the dead-letter queue (0: never). */
    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public String getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public void setDeadLetterQueue(String deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    public long getSendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    public void setSendTimeoutMillis(long millis) {
        this.sendTimeoutMillis = millis;
    }

    /**
     * How a naming service stores this factory by reference: every bean property but the password (a
     * reference is readable by whoever can look it up; give the password to the application server's own
     * resource definition, whose attributes {@link ApogeeObjectFactory} also reads).
     */
    @Override
    public Reference getReference() {
        Reference reference = new Reference(ApogeeConnectionFactory.class.getName(),
                ApogeeObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr("url", url));
        if (clientID != null) {
            reference.add(new StringRefAddr("clientID", clientID));
        }
        if (userName != null) {
            reference.add(new StringRefAddr("userName", userName));
        }
        reference.add(new StringRefAddr("prefetch", String.valueOf(prefetch)));
        reference.add(new StringRefAddr("invisibleTimeMillis", String.valueOf(invisibleTimeMillis)));
        reference.add(new StringRefAddr("pollTimeoutMillis", String.valueOf(pollTimeoutMillis)));
        reference.add(new StringRefAddr("releaseDelayMillis", String.valueOf(releaseDelayMillis)));
        reference.add(new StringRefAddr("maxDeliveries", String.valueOf(maxDeliveries)));
        reference.add(new StringRefAddr("deadLetterQueue", deadLetterQueue));
        reference.add(new StringRefAddr("sendTimeoutMillis", String.valueOf(sendTimeoutMillis)));
        return reference;
    }

    /** The settings a connection made now gets. */
    public ProviderSettings settings() {
        return new ProviderSettings(nameServers(url), Duration.ofMillis(invisibleTimeMillis),
                Duration.ofMillis(pollTimeoutMillis), Duration.ofMillis(releaseDelayMillis), maxDeliveries,
                deadLetterQueue, Duration.ofMillis(sendTimeoutMillis), prefetch);
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connect();
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(credentials(userName, password));
    }

    private ApogeeConnection connect() throws JMSException {
        return connect(credentials(userName, password));
    }

    private ApogeeConnection connect(Credentials credentials) throws JMSException {
        ProviderSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw JmsErrors.of("invalid connection factory settings", e);
        }
        return new ApogeeConnection(settings, clientID, credentials);
    }

    /** The ACL credentials of a user name and password; none for a null or empty user name. */
    private static Credentials credentials(String userName, String password) throws JMSSecurityException {
        if (userName == null || userName.isEmpty()) {
            return null;
        }
        try {
            return Credentials.of(userName, password == null ? "" : password);
        } catch (IllegalArgumentException e) {
            throw new JMSSecurityException("invalid credentials for user " + userName + ": " + e.getMessage());
        }
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connect(credentials(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connect(credentials(userName, password));
    }

    // ----- The simplified API: a JMSContext owns a new connection (shared with contexts made from it).

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        Credentials credentials = JmsRuntime.call(() -> credentials(userName, password));
        return context(JmsRuntime.call(() -> connect(credentials)), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return context(JmsRuntime.call(this::connect), sessionMode);
    }

    private static JMSContext context(ApogeeConnection connection, int sessionMode) {
        try {
            return new ApogeeJMSContext(connection, sessionMode);
        } catch (RuntimeException e) {
            JmsRuntime.run(connection::close);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ApogeeConnectionFactory[" + url + (clientID == null ? "" : ", clientID=" + clientID) + "]";
    }
}
