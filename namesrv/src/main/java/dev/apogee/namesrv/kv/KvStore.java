package dev.apogee.namesrv.kv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The name server's KV configuration: string values by namespace and key, e.g. the global-order
 * topic settings in {@link #ORDER_TOPIC_CONFIG}. Stored in an embedded H2 database file, so values
 * survive a restart: every change is committed before the call returns, H2 writes committed data
 * to its file within about a second, and {@link #close()} writes the rest.
 *
 * <p>Reads are served from an in-memory copy loaded at open (route lookups read it on every
 * request); writes go to the database first and then replace the namespace's copy.
 *
 * <p>Thread-safety: reads are lock-free on immutable per-namespace maps; writes and
 * {@link #close()} are serialised by the instance monitor, which also guards the connection.
 */
public final class KvStore implements AutoCloseable {

    /** Namespace of the global-order topic settings: topic to {@code "brokerName:queueNum;..."}. */
    public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private static final Logger LOG = LogManager.getLogger(KvStore.class);
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS kv_config ("
            + "namespace VARCHAR NOT NULL, config_key VARCHAR NOT NULL, config_value CHARACTER LARGE OBJECT NOT NULL, "
            + "PRIMARY KEY (namespace, config_key))";

    private final Map<String, Map<String, String>> namespaces = new ConcurrentHashMap<>();
    private final Connection connection;
    private boolean closed;

    private KvStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            Map<String, Map<String, String>> loaded = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT namespace, config_key, config_value FROM kv_config")) {
                while (rows.next()) {
                    loaded.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2),
                            rows.getString(3));
                }
            }
            loaded.forEach((namespace, table) -> namespaces.put(namespace, Collections.unmodifiableMap(table)));
        }
    }

    /**
     * Opens (creating if needed) the store in {@code directory}, as the file {@code kvconfig.mv.db}.
     *
     * @throws KvStoreException if the database cannot be opened, e.g. another process holds it
     */
    public static KvStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            // The server closes the database itself on shutdown; H2's own exit hook could close it
            // under a request still being answered.
            String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("kvconfig") + ";DB_CLOSE_ON_EXIT=FALSE";
            KvStore store = new KvStore(DriverManager.getConnection(url, "sa", ""));
            LOG.info("KV config opened at {} ({} namespaces)", directory, store.namespaces.size());
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new KvStoreException("cannot open the KV config in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The value of {@code key} in {@code namespace}. */
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(namespaces.getOrDefault(namespace, Map.of()).get(key));
    }

    /** Every pair of {@code namespace}, sorted by key; empty when the namespace has none. */
    public Map<String, String> namespace(String namespace) {
        return namespaces.getOrDefault(namespace, Map.of());
    }

    /** Sets {@code key} in {@code namespace} to {@code value}, durably. */
    public synchronized void put(String namespace, String key, String value) {
        execute("MERGE INTO kv_config (namespace, config_key, config_value) KEY (namespace, config_key) "
                + "VALUES (?, ?, ?)", namespace, key, value);
        Map<String, String> table = new TreeMap<>(namespace(namespace));
        table.put(key, value);
        namespaces.put(namespace, Collections.unmodifiableMap(table));
    }

    /** Removes {@code key} from {@code namespace}, durably; absent keys are ignored. */
    public synchronized void delete(String namespace, String key) {
        execute("DELETE FROM kv_config WHERE namespace = ? AND config_key = ?", namespace, key);
        Map<String, String> table = new TreeMap<>(namespace(namespace));
        if (table.remove(key) != null) {
            if (table.isEmpty()) {
                namespaces.remove(namespace);
            } else {
                namespaces.put(namespace, Collections.unmodifiableMap(table));
            }
        }
    }

    private void execute(String sql, String... parameters) {
        if (closed) {
            throw new KvStoreException("the KV config is closed", null);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new KvStoreException("cannot write the KV config: " + e.getMessage(), e);
        }
    }

    /** Closes the database; later writes fail, reads keep answering from memory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the KV config failed", e);
        }
    }
}
