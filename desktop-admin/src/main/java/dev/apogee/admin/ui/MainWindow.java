package dev.apogee.admin.ui;

import dev.apogee.admin.export.ExportFormat;
import dev.apogee.admin.export.TableData;
import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.store.Theme;
import dev.apogee.admin.ui.screens.BrowseView;
import dev.apogee.admin.ui.screens.ClusterView;
import dev.apogee.admin.ui.screens.ConnectionsView;
import dev.apogee.admin.ui.screens.ConsumerGroupsView;
import dev.apogee.admin.ui.screens.DeadLettersView;
import dev.apogee.admin.ui.screens.MessageDetailView;
import dev.apogee.admin.ui.screens.ProducerView;
import dev.apogee.admin.ui.screens.QueryView;
import dev.apogee.admin.ui.screens.TopicsView;
import dev.apogee.admin.ui.screens.WatchView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The main window: a menu bar (File, View, Help; the global shortcuts are its accelerators), the
 * navigation over the screens on the left, the shown screen, and the status bar. A screen's own
 * shortcuts are dispatched here while it is shown, before the focused control sees the keys, so that
 * e.g. Ctrl+Enter sends from inside the body text area.
 */
public final class MainWindow implements Navigator {

    private static final String GLOBAL = "Global";

    private final AdminContext context;
    private final Stage stage;
    private final Themes themes;
    private final Map<Screen, ScreenView> views = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> navButtons = new EnumMap<>(Screen.class);
    private final ReadOnlyObjectWrapper<Screen> active = new ReadOnlyObjectWrapper<>(this, "active");
    private final StackPane content = new StackPane();
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");
    private final List<Shortcut> globalShortcuts = new ArrayList<>();
    /** Made once the stage has its scene: a dialog cannot be owned by a stage without one. */
    private ErrorDialog errorDialog;
    private final Scene scene;

    public MainWindow(AdminContext context, Stage stage) {
        this.context = context;
        this.stage = stage;
        this.themes = new Themes(context.store().settings());
        views.put(Screen.CONNECTIONS, new ConnectionsView(context, this));
        views.put(Screen.CLUSTER, new ClusterView(context, this));
        views.put(Screen.TOPICS, new TopicsView(context, this));
        views.put(Screen.BROWSE, new BrowseView(context, this));
        views.put(Screen.QUERY, new QueryView(context, this));
        views.put(Screen.DETAIL, new MessageDetailView(context, this));
        views.put(Screen.GROUPS, new ConsumerGroupsView(context, this));
        views.put(Screen.WATCH, new WatchView(context, this));
        views.put(Screen.PRODUCER, new ProducerView(context, this));
        views.put(Screen.DLQ, new DeadLettersView(context, this));

        BorderPane root = new BorderPane();
        root.setId("mainWindow");
        root.setTop(menuBar());
        root.setLeft(navigation());
        root.setCenter(content);
        root.setBottom(new StatusBar(context, notice, () -> errorDialog.showLatest()));
        scene = new Scene(root, 1280, 800);
        Bindings.bindContent(scene.getStylesheets(), themes.stylesheets());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::screenShortcut);
        stage.setTitle(title());
        stage.setScene(scene);
        errorDialog = new ErrorDialog(context.errors(), stage, themes);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        show(Screen.CONNECTIONS);
    }

    /** Shows the window. */
    public void showWindow() {
        stage.show();
    }

    public Scene scene() {
        return scene;
    }

    public Themes themes() {
        return themes;
    }

    /** The screen shown. */
    public ReadOnlyObjectProperty<Screen> activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Stops every screen's schedule (the application is closing). */
    public void stop() {
        views.values().forEach(ScreenView::stop);
    }

    private VBox navigation() {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(2);
        nav.getStyleClass().add("navigation");
        nav.setPadding(new Insets(8));
        for (Screen screen : Screen.values()) {
            ToggleButton button = new ToggleButton(screen.title());
            button.setId(screen.navId());
            button.setToggleGroup(group);
            button.getStyleClass().add("nav-button");
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new javafx.scene.control.Tooltip(screen.title() + "  (" + screen.keys().getDisplayText() + ")"));
            // A selected navigation button stays selected: clicking it again must not leave none.
            button.setOnAction(event -> show(screen));
            navButtons.put(screen, button);
            nav.getChildren().add(button);
        }
        return nav;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("menuExportTable", "Export table...", "Shortcut+Shift+E", this::exportTable),
                item("menuExportMessages", "Export messages...", "Shortcut+Shift+M", this::exportMessages),
                new SeparatorMenuItem(),
                item("menuDisconnect", "Disconnect", "Shortcut+Shift+X", () -> context.session().disconnect()),
                item("menuQuit", "Quit", "Shortcut+Q", stage::close));
        Menu view = new Menu("View");
        for (Screen screen : Screen.values()) {
            view.getItems().add(item("menu" + screen.navId().substring(3), screen.title(),
                    screen.keys(), () -> show(screen)));
        }
        ToggleGroup themeGroup = new ToggleGroup();
        RadioMenuItem light = themeItem("menuThemeLight", "Light theme", Theme.LIGHT, themeGroup);
        RadioMenuItem dark = themeItem("menuThemeDark", "Dark theme", Theme.DARK, themeGroup);
        view.getItems().addAll(new SeparatorMenuItem(), light, dark,
                item("menuToggleTheme", "Switch theme", "Shortcut+Shift+T", themes::toggle));
        Menu help = new Menu("Help");
        help.getItems().addAll(
                item("menuShortcuts", "Keyboard shortcuts", "F1", this::showShortcuts),
                item("menuLastError", "Show the last error", "Shortcut+Shift+R", () -> errorDialog.showLatest()));
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menuBar");
        return bar;
    }

    private MenuItem item(String id, String text, String keys, Runnable action) {
        return item(id, text, Controls.keys(keys), action);
    }

    private MenuItem item(String id, String text, KeyCombination combination, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(combination);
        item.setOnAction(event -> action.run());
        globalShortcuts.add(new Shortcut(combination, text.replace("...", ""), GLOBAL, action));
        return item;
    }

    private RadioMenuItem themeItem(String id, String text, Theme theme, ToggleGroup group) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        item.setToggleGroup(group);
        item.setSelected(themes.themeProperty().get() == theme);
        item.setOnAction(event -> themes.themeProperty().set(theme));
        themes.themeProperty().addListener((observable, before, after) -> item.setSelected(after == theme));
        return item;
    }

    /** Runs the shown screen's shortcut for {@code event}, if it has one. */
    private void screenShortcut(KeyEvent event) {
        ScreenView view = views.get(active.get());
        if (view == null) {
            return;
        }
        for (Shortcut shortcut : view.shortcuts()) {
            if (shortcut.keys().match(event)) {
                event.consume();
                shortcut.action().run();
                return;
            }
        }
    }

    /** Every shortcut: the global ones, then each screen's. */
    public List<Shortcut> allShortcuts() {
        List<Shortcut> all = new ArrayList<>(globalShortcuts);
        for (ScreenView view : views.values()) {
            all.addAll(view.shortcuts());
        }
        return all;
    }

    private void showShortcuts() {
        ShortcutsDialog.show(stage, themes, allShortcuts());
    }

    @Override
    public void show(Screen screen) {
        Screen before = active.get();
        if (before == screen) {
            navButtons.get(screen).setSelected(true);
            return;
        }
        if (before != null) {
            views.get(before).hidden();
        }
        ScreenView view = views.get(screen);
        content.getChildren().setAll(view.root());
        navButtons.get(screen).setSelected(true);
        active.set(screen);
        notice.set("");
        view.shown();
    }

    @Override
    public void openMessage(MessageRecord message) {
        context.detail().show(message);
        show(Screen.DETAIL);
    }

    @Override
    public void browseTopic(String topic) {
        context.browse().topicProperty().set(topic);
        show(Screen.BROWSE);
        context.browse().loadQueues();
    }

    @Override
    public void watchGroup(String group) {
        context.watch().groupToAddProperty().set(group);
        context.watch().addGroup();
        show(Screen.WATCH);
    }

    @Override
    public void deadLettersOf(String group) {
        context.deadLetters().groupProperty().set(group);
        show(Screen.DLQ);
        context.deadLetters().load();
    }

    @Override
    public Window window() {
        return stage;
    }

    private void exportTable() {
        ScreenView view = views.get(active.get());
        TableData table = view.tableToExport();
        if (table == null) {
            // Message screens export their messages in full (bodies included).
            exportMessages();
            return;
        }
        notice.set("");
        context.files().saveFile(stage, "Export table", view.exportName() + ".csv")
                .ifPresent(path -> context.export().exportTable(table, formatOf(path), path));
    }

    private void exportMessages() {
        ScreenView view = views.get(active.get());
        List<MessageRecord> messages = view.messagesToExport();
        if (messages.isEmpty()) {
            notice.set("Nothing to export on " + view.screen().title());
            return;
        }
        notice.set("");
        context.files().saveFile(stage, "Export messages", view.exportName() + "-messages.json")
                .ifPresent(path -> context.export().exportMessages(messages, formatOf(path), path));
    }

    /** JSON for a {@code .json} file, CSV otherwise. */
    static ExportFormat formatOf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? ExportFormat.JSON
                : ExportFormat.CSV;
    }

    /**
     * The window's title: the application's name and, in an installed bundle, its version (the launcher
     * passes {@code apogee.admin.version}).
     */
    static String title() {
        String version = System.getProperty("apogee.admin.version");
        return version == null || version.isBlank() ? "Apogee admin" : "Apogee admin " + version;
    }
}
