package dev.apogee.admin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Saved connections, by name; the secret key is sealed before it reaches the database. Get it from {@link AdminStore}. */
public final class ConnectionStore {

    private static final String COLUMNS = "id, name, name_servers, access_key, secret_sealed, tls, trusted_certificates";

    private final AdminStore store;
    private final SecretCipher cipher;

    ConnectionStore(AdminStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** Every saved connection, by name. */
    public List<SavedConnection> list() {
        return store.withConnection(db -> {
            List<SavedConnection> all = new ArrayList<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM saved_connection ORDER BY name")) {
                while (rows.next()) {
                    all.add(read(rows));
                }
            }
            return all;
        });
    }

    /** The connection with {@code id}, if saved. */
    public Optional<SavedConnection> find(long id) {
        return store.withConnection(db -> {
            try (PreparedStatement statement = db.prepareStatement("SELECT " + COLUMNS + " FROM saved_connection WHERE id = ?")) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Saves {@code connection}: a new one when its id is 0, else it replaces the saved one. Returns it
     * with its id.
     *
     * @throws StoreException if another connection has the name already
     */
    public SavedConnection save(SavedConnection connection) {
        byte[] sealed = cipher.encrypt(connection.secretKey());
        return store.withConnection(db -> {
            boolean insert = connection.id() == 0;
            String sql = insert
                    ? "INSERT INTO saved_connection (name, name_servers, access_key, secret_sealed, tls, trusted_certificates) "
                            + "VALUES (?, ?, ?, ?, ?, ?)"
                    : "UPDATE saved_connection SET name = ?, name_servers = ?, access_key = ?, secret_sealed = ?, tls = ?, "
                            + "trusted_certificates = ? WHERE id = ?";
            try (PreparedStatement statement = insert ? db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                    : db.prepareStatement(sql)) {
                statement.setString(1, connection.name());
                statement.setString(2, String.join(";", connection.nameServers()));
                statement.setString(3, connection.accessKey());
                if (sealed == null) {
                    statement.setNull(4, Types.VARBINARY);
                } else {
                    statement.setBytes(4, sealed);
                }
                statement.setBoolean(5, connection.tls());
                statement.setString(6, connection.trustedCertificates());
                if (!insert) {
                    statement.setLong(7, connection.id());
                }
                try {
                    if (statement.executeUpdate() == 0) {
                        throw new SQLException("no saved connection has id " + connection.id());
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() == 23505) {
                        throw new SQLException("a connection named '" + connection.name() + "' is saved already", e);
                    }
                    throw e;
                }
                if (!insert) {
                    return connection;
                }
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    return connection.withId(keys.getLong(1));
                }
            }
        });
    }

    /** Deletes the connection with {@code id}, its favourites and its history. */
    public void delete(long id) {
        store.withConnection(db -> {
            try (PreparedStatement statement = db.prepareStatement("DELETE FROM saved_connection WHERE id = ?")) {
                statement.setLong(1, id);
                return statement.executeUpdate();
            }
        });
    }

    private SavedConnection read(ResultSet rows) throws SQLException {
        List<String> nameServers = Arrays.stream(rows.getString("name_servers").split(";"))
                .filter(address -> !address.isBlank()).toList();
        String secret;
        try {
            secret = cipher.decrypt(rows.getBytes("secret_sealed"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("the secret of connection '" + rows.getString("name") + "' cannot be read: "
                    + e.getMessage(), e);
        }
        return new SavedConnection(rows.getLong("id"), rows.getString("name"), nameServers, rows.getString("access_key"),
                secret, rows.getBoolean("tls"), rows.getString("trusted_certificates"));
    }
}
