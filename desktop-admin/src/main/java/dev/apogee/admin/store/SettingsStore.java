package dev.apogee.admin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The user's preferences as name/value rows, so that a new setting needs no schema change. A value
 * that cannot be read (edited by hand, from a newer version) falls back to its default. Get it from
 * {@link AdminStore}.
 */
public final class SettingsStore {

    private static final Logger LOG = LogManager.getLogger(SettingsStore.class);
    private static final String THEME = "theme";
    private static final String WATCH_INTERVAL = "watch.interval";
    private static final String WATCH_WINDOW = "watch.window";

    private final AdminStore store;

    SettingsStore(AdminStore store) {
        this.store = store;
    }

    /** The saved settings, defaults where none are saved. */
    public AppSettings load() {
        Map<String, String> values = store.withConnection(db -> {
            Map<String, String> all = new HashMap<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name, setting_value FROM app_setting")) {
                while (rows.next()) {
                    all.put(rows.getString(1), rows.getString(2));
                }
            }
            return all;
        });
        AppSettings defaults = AppSettings.DEFAULTS;
        try {
            Theme theme = values.containsKey(THEME) ? Theme.valueOf(values.get(THEME)) : defaults.theme();
            Duration interval = values.containsKey(WATCH_INTERVAL) ? Duration.parse(values.get(WATCH_INTERVAL))
                    : defaults.watchInterval();
            Duration window = values.containsKey(WATCH_WINDOW) ? Duration.parse(values.get(WATCH_WINDOW))
                    : defaults.watchWindow();
            return new AppSettings(theme, interval, window);
        } catch (RuntimeException e) {
            LOG.warn("saved settings {} cannot be read ({}); using the defaults", values, e.getMessage());
            return defaults;
        }
    }

    /** Saves {@code settings}. */
    public void save(AppSettings settings) {
        store.withConnection(db -> {
            try (PreparedStatement statement = db.prepareStatement(
                    "MERGE INTO app_setting (name, setting_value) KEY (name) VALUES (?, ?)")) {
                for (Map.Entry<String, String> entry : Map.of(THEME, settings.theme().name(),
                        WATCH_INTERVAL, settings.watchInterval().toString(),
                        WATCH_WINDOW, settings.watchWindow().toString()).entrySet()) {
                    statement.setString(1, entry.getKey());
                    statement.setString(2, entry.getValue());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }
}
