package dev.apogee.admin.ui;

import dev.apogee.admin.store.AppSettings;
import dev.apogee.admin.store.SettingsStore;
import dev.apogee.admin.store.Theme;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The light and dark themes: stylesheets over JavaFX's Modena. The main scene and every dialog bind
 * {@link #stylesheets()}, so a switch restyles open dialogs too; the choice is saved in the settings.
 */
public final class Themes {

    private static final String BASE = resource("admin.css");
    private static final String LIGHT = resource("light.css");
    private static final String DARK = resource("dark.css");

    private final SettingsStore settings;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ObservableList<String> stylesheets = FXCollections.observableArrayList();
    /** One read-only view, made once: listeners on a view made per call stop when that view is collected. */
    private final ObservableList<String> stylesheetsView = FXCollections.unmodifiableObservableList(stylesheets);

    public Themes(SettingsStore settings) {
        this.settings = settings;
        theme.addListener((observable, before, after) -> {
            stylesheets.setAll(sheets(after));
            save(after);
        });
        Theme saved = settings.load().theme();
        theme.set(saved);
        stylesheets.setAll(sheets(saved));
    }

    private static String resource(String name) {
        return Objects.requireNonNull(Themes.class.getResource(name), name).toExternalForm();
    }

    private static List<String> sheets(Theme theme) {
        return List.of(BASE, theme == Theme.DARK ? DARK : LIGHT);
    }

    private void save(Theme chosen) {
        AppSettings current = settings.load();
        if (current.theme() != chosen) {
            settings.save(new AppSettings(chosen, current.watchInterval(), current.watchWindow()));
        }
    }

    /** The theme in use; setting it restyles and saves. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The stylesheets of the theme in use, for scenes and dialogs to bind. */
    public ObservableList<String> stylesheets() {
        return stylesheetsView;
    }

    /** Switches between light and dark. */
    public void toggle() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }
}
