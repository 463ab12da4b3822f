package dev.apogee.admin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent queries of each saved connection, newest first, at most {@value #CAPACITY} each: running
 * the same query again moves it to the top instead of adding it twice. Get it from {@link AdminStore}.
 */
public final class QueryHistoryStore {

    /** Most entries kept per connection. */
    public static final int CAPACITY = 50;

    private final AdminStore store;

    QueryHistoryStore(AdminStore store) {
        this.store = store;
    }

    /** Records a query run now (or moves the same query to the top) and drops the oldest beyond the capacity. */
    public void add(long connectionId, QueryKind kind, String topic, String text, Instant begin, Instant end) {
        store.withConnection(db -> {
            try (PreparedStatement same = db.prepareStatement("DELETE FROM query_history WHERE connection_id = ? "
                    + "AND kind = ? AND topic = ? AND text = ? AND begin_ms IS NOT DISTINCT FROM ? "
                    + "AND end_ms IS NOT DISTINCT FROM ?")) {
                bind(same, connectionId, kind, topic, text, begin, end);
                same.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO query_history "
                    + "(connection_id, kind, topic, text, begin_ms, end_ms, ran_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, connectionId, kind, topic, text, begin, end);
                insert.setLong(7, System.currentTimeMillis());
                insert.executeUpdate();
            }
            try (PreparedStatement trim = db.prepareStatement("DELETE FROM query_history WHERE connection_id = ? AND id NOT IN "
                    + "(SELECT id FROM query_history WHERE connection_id = ? ORDER BY ran_at_ms DESC, id DESC LIMIT ?)")) {
                trim.setLong(1, connectionId);
                trim.setLong(2, connectionId);
                trim.setInt(3, CAPACITY);
                return trim.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement statement, long connectionId, QueryKind kind, String topic, String text,
                             Instant begin, Instant end) throws java.sql.SQLException {
        statement.setLong(1, connectionId);
        statement.setString(2, kind.name());
        statement.setString(3, topic);
        statement.setString(4, text == null ? "" : text);
        if (begin == null) {
            statement.setNull(5, Types.BIGINT);
        } else {
            statement.setLong(5, begin.toEpochMilli());
        }
        if (end == null) {
            statement.setNull(6, Types.BIGINT);
        } else {
            statement.setLong(6, end.toEpochMilli());
        }
    }

    /** The queries of {@code connectionId}, newest first. */
    public List<QueryHistoryEntry> recent(long connectionId) {
        return store.withConnection(db -> {
            List<QueryHistoryEntry> entries = new ArrayList<>();
            try (PreparedStatement statement = db.prepareStatement("SELECT id, kind, topic, text, begin_ms, end_ms, "
                    + "ran_at_ms FROM query_history WHERE connection_id = ? ORDER BY ran_at_ms DESC, id DESC")) {
                statement.setLong(1, connectionId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long begin = rows.getLong("begin_ms");
                        Instant beginAt = rows.wasNull() ? null : Instant.ofEpochMilli(begin);
                        long end = rows.getLong("end_ms");
                        Instant endAt = rows.wasNull() ? null : Instant.ofEpochMilli(end);
                        entries.add(new QueryHistoryEntry(rows.getLong("id"), connectionId,
                                QueryKind.valueOf(rows.getString("kind")), rows.getString("topic"), rows.getString("text"),
                                beginAt, endAt, Instant.ofEpochMilli(rows.getLong("ran_at_ms"))));
                    }
                }
            }
            return entries;
        });
    }

    /** Forgets the history of {@code connectionId}. */
    public void clear(long connectionId) {
        store.withConnection(db -> {
            try (PreparedStatement statement = db.prepareStatement("DELETE FROM query_history WHERE connection_id = ?")) {
                statement.setLong(1, connectionId);
                return statement.executeUpdate();
            }
        });
    }
}
