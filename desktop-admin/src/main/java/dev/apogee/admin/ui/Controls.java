package dev.apogee.admin.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small builders the screens share, so that each screen reads as its layout and bindings. */
public final class Controls {

    /** How times are shown: local time with milliseconds (store times of messages differ by little). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Controls() {
    }

    /** A text field with {@code id}, bound both ways to {@code value}. */
    public static TextField field(String id, Property<String> value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        field.setPromptText(prompt);
        return field;
    }

    /** A text area with {@code id}, bound both ways to {@code value}. */
    public static TextArea area(String id, Property<String> value, String prompt, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.textProperty().bindBidirectional(value);
        area.setPromptText(prompt);
        area.setPrefRowCount(rows);
        return area;
    }

    /** A read-only text area for showing, not editing. */
    public static TextArea viewer(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        return area;
    }

    public static CheckBox check(String id, String text, Property<Boolean> value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    public static Label label(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        return label;
    }

    /** A screen's title line. */
    public static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("screen-title");
        return label;
    }

    /** A row of nodes with the usual spacing, vertically centred. */
    public static HBox row(Node... nodes) {
        for (Node node : nodes) {
            if (node instanceof Label label) {
                // A label in a crowded row keeps its words; the fields give way instead.
                label.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox row = new HBox(6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Fills the rest of a row. */
    public static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /** A two-column form: a label per line, then its field, which takes the width. */
    public static GridPane form(Object... labelsAndFields) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(4, 0, 4, 0));
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        for (int i = 0; i + 1 < labelsAndFields.length; i += 2) {
            grid.add(new Label((String) labelsAndFields[i]), 0, i / 2);
            grid.add((Node) labelsAndFields[i + 1], 1, i / 2);
        }
        return grid;
    }

    /** A table with {@code id} that fills its space and says {@code empty} when it has no rows. */
    public static <S> TableView<S> table(String id, String empty) {
        TableView<S> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /** A column showing {@code text} of each row. */
    public static <S> TableColumn<S, String> column(String title, Function<S, String> text) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? ""
                : String.valueOf(nullToEmpty(text.apply(cell.getValue())))));
        return column;
    }

    /** As {@link #column}, with a preferred width. */
    public static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> column = column(title, text);
        column.setPrefWidth(width);
        return column;
    }

    private static Object nullToEmpty(Object value) {
        return value == null ? "" : value;
    }

    /**
     * A key combination written as modifiers and a {@link KeyCode} name, e.g. {@code Shortcut+Shift+E},
     * {@code Shortcut+PAGE_UP}, {@code ESCAPE}. (JavaFX's own parser wants the keys' display names,
     * such as "Page Up" and "Esc", which are easy to get wrong.)
     */
    public static KeyCombination keys(String text) {
        String[] parts = text.split("\\+");
        List<KeyCombination.Modifier> modifiers = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            modifiers.add(switch (parts[i]) {
                case "Shortcut" -> KeyCombination.SHORTCUT_DOWN;
                case "Shift" -> KeyCombination.SHIFT_DOWN;
                case "Alt" -> KeyCombination.ALT_DOWN;
                case "Ctrl" -> KeyCombination.CONTROL_DOWN;
                default -> throw new IllegalArgumentException("unknown modifier " + parts[i] + " in " + text);
            });
        }
        return new KeyCodeCombination(KeyCode.valueOf(parts[parts.length - 1]),
                modifiers.toArray(KeyCombination.Modifier[]::new));
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A figure that may be unknown: unknown is said, never shown as 0. */
    public static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "unknown";
    }

    public static String number(OptionalDouble value) {
        return value.isPresent() ? String.format("%.1f", value.getAsDouble()) : "unknown";
    }
}
