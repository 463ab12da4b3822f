package dev.apogee.jms;

import dev.apogee.jms.connection.ApogeeConnection;
import dev.apogee.jms.context.ApogeeJMSContext;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.internal.JmsRuntime;
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

/**
 * Apogee's connection factory: {@code new ApogeeConnectionFactory("apogee://127.0.0.1:9876")} (several name
 * servers: {@code apogee://host1:9876;host2:9876}), or a JavaBean whose setters Spring, an application server or
 * JNDI call. Settings are read when a connection is made.
 *
 * <p>Bean properties: {@code url}, {@code clientID}, {@code invisibleTimeMillis}, {@code pollTimeoutMillis},
 * {@code releaseDelayMillis}, {@code maxDeliveries}, {@code deadLetterQueue}, {@code sendTimeoutMillis}.
 * User names and passwords are not supported yet: {@code createConnection(user, password)} with a user throws.
 */
public class ApogeeConnectionFactory implements QueueConnectionFactory, TopicConnectionFactory, Serializable {

    private static final long serialVersionUID = 1L;
    /** The scheme of a connection URL. */
    public static final String SCHEME = "apogee";

    private String url = SCHEME + "://127.0.0.1:9876";
    private String clientID;
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

    /** The settings a connection made now gets. */
    public ProviderSettings settings() {
        return new ProviderSettings(nameServers(url), Duration.ofMillis(invisibleTimeMillis),
                Duration.ofMillis(pollTimeoutMillis), Duration.ofMillis(releaseDelayMillis), maxDeliveries,
                deadLetterQueue, Duration.ofMillis(sendTimeoutMillis));
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connect();
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        checkCredentials(userName);
        return connect();
    }

    private ApogeeConnection connect() throws JMSException {
        ProviderSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw JmsErrors.of("invalid connection factory settings", e);
        }
        return new ApogeeConnection(settings, clientID);
    }

    private static void checkCredentials(String userName) throws JMSSecurityException {
        if (userName != null && !userName.isEmpty()) {
            throw new JMSSecurityException("user names and passwords are not supported yet");
        }
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        checkCredentials(userName);
        return connect();
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        checkCredentials(userName);
        return connect();
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
        JmsRuntime.run(() -> checkCredentials(userName));
        return createContext(sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        ApogeeConnection connection = JmsRuntime.call(this::connect);
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
