package dev.apogee.broker.offset;

import dev.apogee.remoting.concurrent.NamedThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Consumer groups' committed offsets per (topic, queue). Held in memory (commits arrive with every
 * pull) and written to the broker's H2 database in one batch every 5 s and at shutdown, like the
 * official broker's periodic offset file: a crash can replay at most the last 5 s of consumption
 * (at-least-once delivery), never skip a message.
 *
 * <p>Thread-safety: a concurrent map; the flush runs on its own thread and at {@link #close()}.
 */
public final class ConsumerOffsetStore implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ConsumerOffsetStore.class);

    private record Key(String group, String topic, int queueId) {
    }

    private final Connection connection;
    private final Map<Key, Long> offsets = new ConcurrentHashMap<>();
    private final Map<Key, Long> dirty = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-offset-flush", true));

    private ConsumerOffsetStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS consumer_offset (consumer_group VARCHAR NOT NULL, "
                    + "topic VARCHAR NOT NULL, queue_id INT NOT NULL, queue_offset BIGINT NOT NULL, "
                    + "PRIMARY KEY (consumer_group, topic, queue_id))");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT consumer_group, topic, queue_id, queue_offset FROM consumer_offset")) {
                while (rows.next()) {
                    offsets.put(new Key(rows.getString(1), rows.getString(2), rows.getInt(3)), rows.getLong(4));
                }
            }
        }
        flusher.scheduleWithFixedDelay(this::flushQuietly, 5, 5, TimeUnit.SECONDS);
    }

    /** Opens the offsets in {@code directory} (the broker's metadata database). */
    public static ConsumerOffsetStore open(Path directory) throws SQLException {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + directory, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("offsets") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new ConsumerOffsetStore(DriverManager.getConnection(url, "sa", ""));
    }

    /** The committed offset, or -1 when the group has none for the queue. */
    public long get(String group, String topic, int queueId) {
        Long offset = offsets.get(new Key(group, topic, queueId));
        return offset == null ? -1 : offset;
    }

    /** Stores {@code offset} as the group's offset of the queue (UPDATE_CONSUMER_OFFSET, resets). */
    public void commit(String group, String topic, int queueId, long offset) {
        // Within compute, so the value flushed is the value kept when two commits of a queue race.
        offsets.compute(new Key(group, topic, queueId), (key, stored) -> {
            dirty.put(key, offset);
            return offset;
        });
    }

    /**
     * Stores {@code offset} only if it is beyond the group's offset of the queue: the commit a pull carries.
     * A pull sent just before an UPDATE_CONSUMER_OFFSET may be processed just after it (pulls and offset
     * updates run on different executors), and its older offset must not undo the newer one: a member that
     * hands an orderly queue over commits past its last message, and the next owner would otherwise start
     * before it and deliver it twice.
     */
    public void commitForward(String group, String topic, int queueId, long offset) {
        offsets.compute(new Key(group, topic, queueId), (key, stored) -> {
            long kept = stored == null ? offset : Math.max(stored, offset);
            dirty.put(key, kept);
            return kept;
        });
    }

    /** Every (topic, queue) offset of a group. */
    public Map<String, Map<Integer, Long>> offsetsOf(String group) {
        Map<String, Map<Integer, Long>> result = new HashMap<>();
        offsets.forEach((key, offset) -> {
            if (key.group().equals(group)) {
                result.computeIfAbsent(key.topic(), t -> new HashMap<>()).put(key.queueId(), offset);
            }
        });
        return result;
    }

    /** Every committed offset: group to topic to queue to offset. */
    public Map<String, Map<String, Map<Integer, Long>>> all() {
        Map<String, Map<String, Map<Integer, Long>>> result = new HashMap<>();
        offsets.forEach((key, offset) -> result.computeIfAbsent(key.group(), g -> new HashMap<>())
                .computeIfAbsent(key.topic(), t -> new HashMap<>()).put(key.queueId(), offset));
        return result;
    }

    /** Removes every offset of a group, in memory and in the database. */
    public void removeGroup(String group) throws SQLException {
        remove("consumer_group", group, key -> key.group().equals(group));
    }

    /** Removes every group's offsets on a topic, in memory and in the database. */
    public void removeTopic(String topic) throws SQLException {
        remove("topic", topic, key -> key.topic().equals(topic));
    }

    // Under the monitor, so that a flush in progress cannot write the removed rows back afterwards.
    private synchronized void remove(String column, String value, java.util.function.Predicate<Key> matches)
            throws SQLException {
        offsets.keySet().removeIf(matches);
        dirty.keySet().removeIf(matches);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM consumer_offset WHERE " + column + " = ?")) {
            delete.setString(1, value);
            delete.executeUpdate();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException e) {
            LOG.error("Writing consumer offsets failed; will retry", e);
        }
    }

    /** Writes every changed offset in one transaction. */
    public synchronized void flush() throws SQLException {
        if (dirty.isEmpty()) {
            return;
        }
        Map<Key, Long> batch = new HashMap<>(dirty);
        connection.setAutoCommit(false);
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO consumer_offset KEY (consumer_group, topic, queue_id) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<Key, Long> entry : batch.entrySet()) {
                merge.setString(1, entry.getKey().group());
                merge.setString(2, entry.getKey().topic());
                merge.setInt(3, entry.getKey().queueId());
                merge.setLong(4, entry.getValue());
                merge.addBatch();
            }
            merge.executeBatch();
            connection.commit();
            batch.forEach(dirty::remove);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public synchronized void close() {
        flusher.shutdownNow();
        try {
            flush();
            connection.close();
        } catch (SQLException e) {
            LOG.error("Closing consumer offsets failed", e);
        }
    }
}
