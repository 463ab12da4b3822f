package dev.apogee.admin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;

/** Topics the user pinned, per saved connection. Get it from {@link AdminStore}. */
public final class FavouriteStore {

    private final AdminStore store;

    FavouriteStore(AdminStore store) {
        this.store = store;
    }

    /** The pinned topics of connection {@code connectionId}. */
    public Set<String> topics(long connectionId) {
        return store.withConnection(db -> {
            Set<String> topics = new TreeSet<>();
            try (PreparedStatement statement = db.prepareStatement(
                    "SELECT topic FROM favourite_topic WHERE connection_id = ?")) {
                statement.setLong(1, connectionId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        topics.add(rows.getString(1));
                    }
                }
            }
            return topics;
        });
    }

    /** Pins {@code topic} (again: no effect) or unpins it. */
    public void set(long connectionId, String topic, boolean pinned) {
        store.withConnection(db -> {
            String sql = pinned ? "MERGE INTO favourite_topic (connection_id, topic) KEY (connection_id, topic) VALUES (?, ?)"
                    : "DELETE FROM favourite_topic WHERE connection_id = ? AND topic = ?";
            try (PreparedStatement statement = db.prepareStatement(sql)) {
                statement.setLong(1, connectionId);
                statement.setString(2, topic);
                return statement.executeUpdate();
            }
        });
    }
}
