package dev.apogee.broker.metadata;

import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The broker's topic configs, in its embedded H2 database ({@code <dataDir>/metadata}) with an
 * in-memory copy for the request path. Each change bumps the data version that registration sends
 * to the name servers.
 *
 * <p>Thread-safety: reads lock-free; changes serialised by the instance monitor (which also guards
 * the connection).
 */
public final class TopicConfigStore implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(TopicConfigStore.class);

    private final Connection connection;
    private final Map<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private volatile DataVersion dataVersion;

    private TopicConfigStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS topic_config (topic VARCHAR PRIMARY KEY, "
                    + "config CHARACTER LARGE OBJECT NOT NULL)");
            try (ResultSet rows = statement.executeQuery("SELECT config FROM topic_config")) {
                while (rows.next()) {
                    TopicConfig config = RemotingJson.mapper().readValue(rows.getString(1), TopicConfig.class);
                    topics.put(config.topicName(), config);
                }
            } catch (java.io.IOException e) {
                throw new SQLException("a stored topic config does not decode", e);
            }
        }
        dataVersion = DataVersion.ZERO.next(System.currentTimeMillis());
    }

    /** Opens (creating if needed) the topic configs in {@code directory}. */
    public static TopicConfigStore open(Path directory) throws SQLException {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + directory, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE";
        TopicConfigStore store = new TopicConfigStore(DriverManager.getConnection(url, "sa", ""));
        LOG.info("Topic configs opened at {} ({} topics)", directory, store.topics.size());
        return store;
    }

    public TopicConfig get(String topic) {
        return topics.get(topic);
    }

    public Map<String, TopicConfig> all() {
        return Collections.unmodifiableMap(topics);
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Creates or replaces a topic config; committed to the database before it returns. */
    public synchronized void put(TopicConfig config) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO topic_config KEY (topic) VALUES (?, ?)")) {
            merge.setString(1, config.topicName());
            merge.setString(2, new String(RemotingJson.encode(config), java.nio.charset.StandardCharsets.UTF_8));
            merge.executeUpdate();
        }
        topics.put(config.topicName(), config);
        dataVersion = dataVersion.next(System.currentTimeMillis());
    }

    /**
     * Removes a topic's config, committed before it returns; false if there was none. The topic's
     * messages stay in the store until retention ages them out: nothing can read them meanwhile,
     * as no route leads to the topic any more.
     */
    public synchronized boolean delete(String topic) throws SQLException {
        if (!topics.containsKey(topic)) {
            return false;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM topic_config WHERE topic = ?")) {
            delete.setString(1, topic);
            delete.executeUpdate();
        }
        topics.remove(topic);
        dataVersion = dataVersion.next(System.currentTimeMillis());
        return true;
    }

    /** Creates the topic unless it exists; returns the config in force. */
    public synchronized TopicConfig putIfAbsent(TopicConfig config) throws SQLException {
        TopicConfig existing = topics.get(config.topicName());
        if (existing != null) {
            return existing;
        }
        put(config);
        return config;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the topic configs failed", e);
        }
    }
}
