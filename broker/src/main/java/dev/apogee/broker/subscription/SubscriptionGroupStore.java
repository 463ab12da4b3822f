package dev.apogee.broker.subscription;

import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The broker's subscription groups (consumer-group settings), in the same embedded H2 database as
 * the topic configs ({@code <dataDir>/metadata}, table {@code subscription_group}), with an in-memory
 * copy for the pull path. A group is created by an administrator or, with its default settings, at
 * its first heartbeat.
 *
 * <p>Thread-safety: reads lock-free; changes serialised by the instance monitor (which also guards
 * the connection).
 */
public final class SubscriptionGroupStore implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(SubscriptionGroupStore.class);

    private final Connection connection;
    private final Map<String, SubscriptionGroupConfig> groups = new ConcurrentHashMap<>();
    private volatile DataVersion dataVersion;

    private SubscriptionGroupStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS subscription_group (group_name VARCHAR PRIMARY KEY, "
                    + "config CHARACTER LARGE OBJECT NOT NULL)");
            try (ResultSet rows = statement.executeQuery("SELECT config FROM subscription_group")) {
                while (rows.next()) {
                    SubscriptionGroupConfig config =
                            RemotingJson.mapper().readValue(rows.getString(1), SubscriptionGroupConfig.class);
                    groups.put(config.groupName(), config);
                }
            } catch (IOException e) {
                throw new SQLException("a stored subscription group does not decode", e);
            }
        }
        dataVersion = DataVersion.ZERO.next(System.currentTimeMillis());
    }

    /** Opens (creating if needed) the subscription groups in {@code directory}, the broker's metadata database. */
    public static SubscriptionGroupStore open(Path directory) throws SQLException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SQLException("cannot create " + directory, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE";
        SubscriptionGroupStore store = new SubscriptionGroupStore(DriverManager.getConnection(url, "sa", ""));
        LOG.info("Subscription groups opened at {} ({} groups)", directory, store.groups.size());
        return store;
    }

    /** The group's settings, or null if it has none here. */
    public SubscriptionGroupConfig get(String group) {
        return groups.get(group);
    }

    public Map<String, SubscriptionGroupConfig> all() {
        return Collections.unmodifiableMap(groups);
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Whether the group may pull: true for a group without settings (nothing forbids it). */
    public boolean consumeEnabled(String group) {
        SubscriptionGroupConfig config = groups.get(group);
        return config == null || config.consumeEnable();
    }

    /** Creates or replaces a group's settings; committed to the database before it returns. */
    public synchronized void put(SubscriptionGroupConfig config) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO subscription_group KEY (group_name) VALUES (?, ?)")) {
            merge.setString(1, config.groupName());
            merge.setString(2, new String(RemotingJson.encode(config), StandardCharsets.UTF_8));
            merge.executeUpdate();
        }
        groups.put(config.groupName(), config);
        dataVersion = dataVersion.next(System.currentTimeMillis());
    }

    /** Creates the group with default settings unless it exists; true if it was created. */
    public boolean createIfAbsent(String group) throws SQLException {
        if (groups.containsKey(group)) {
            return false;
        }
        synchronized (this) {
            if (groups.containsKey(group)) {
                return false;
            }
            put(SubscriptionGroupConfig.defaults(group));
            return true;
        }
    }

    /** Removes a group's settings; false if there were none. */
    public synchronized boolean delete(String group) throws SQLException {
        if (!groups.containsKey(group)) {
            return false;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM subscription_group WHERE group_name = ?")) {
            delete.setString(1, group);
            delete.executeUpdate();
        }
        groups.remove(group);
        dataVersion = dataVersion.next(System.currentTimeMillis());
        return true;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the subscription groups failed", e);
        }
    }
}
