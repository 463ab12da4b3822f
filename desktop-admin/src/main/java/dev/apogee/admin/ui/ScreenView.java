package dev.apogee.admin.ui;

import dev.apogee.admin.export.TableData;
import dev.apogee.admin.service.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;

/**
 * A screen of the main window: its layout (built once), its actions, each a button with a keyboard
 * shortcut (the main window runs a shortcut only while its screen is shown), and what File → Export
 * writes from it.
 */
public abstract class ScreenView {

    protected final AdminContext context;
    protected final Navigator navigator;
    private final Screen screen;
    private final List<Shortcut> shortcuts = new ArrayList<>();
    private final BorderPane root = new BorderPane();

    protected ScreenView(Screen screen, AdminContext context, Navigator navigator) {
        this.screen = screen;
        this.context = context;
        this.navigator = navigator;
        root.getStyleClass().add("screen");
        root.setPadding(new Insets(10));
    }

    public Screen screen() {
        return screen;
    }

    public Node root() {
        return root;
    }

    /** Lays the screen out: a title line and toolbar on top, {@code center}, and the task footer. */
    protected void layout(Node top, Node center, TaskFooter footer) {
        root.setTop(top);
        root.setCenter(center);
        root.setBottom(footer);
        BorderPane.setMargin(center, new Insets(8, 0, 8, 0));
    }

    /**
     * A button with {@code id} that runs {@code action}, and the same action on {@code keys} (unless the
     * button is disabled then, so that a shortcut never does what the button would refuse).
     */
    protected Button action(String id, String text, KeyCombination keys, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        if (keys != null) {
            button.setTooltip(new Tooltip(text + "  (" + keys.getDisplayText() + ")"));
            shortcuts.add(new Shortcut(keys, text, screen.title(), () -> {
                if (!button.isDisabled()) {
                    action.run();
                }
            }));
        }
        return button;
    }

    /** A shortcut without a button of its own (e.g. focusing the filter). */
    protected void shortcut(KeyCombination keys, String description, Runnable action) {
        shortcuts.add(new Shortcut(keys, description, screen.title(), action));
    }

    /** This screen's shortcuts. */
    public List<Shortcut> shortcuts() {
        return List.copyOf(shortcuts);
    }

    /** Called when the screen is shown. */
    public void shown() {
    }

    /** Called when another screen replaces it. */
    public void hidden() {
    }

    /** Stops what the screen schedules (the application is closing). */
    public void stop() {
    }

    /** The table File → Export table writes, or null when the screen has none with rows. */
    public TableData tableToExport() {
        return null;
    }

    /** The messages File → Export messages writes: the selected ones (all shown if none is selected). */
    public List<MessageRecord> messagesToExport() {
        return List.of();
    }

    /** The file name suggested for an export, without extension. */
    public String exportName() {
        return screen.name().toLowerCase(java.util.Locale.ROOT);
    }

    protected static KeyCombination keys(String text) {
        return Controls.keys(text);
    }
}
