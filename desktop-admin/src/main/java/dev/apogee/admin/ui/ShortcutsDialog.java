package dev.apogee.admin.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/** Help → Keyboard shortcuts: every shortcut of the application, global ones first, then by screen. */
final class ShortcutsDialog {

    private ShortcutsDialog() {
    }

    static void show(Window owner, Themes themes, List<Shortcut> shortcuts) {
        TableView<Shortcut> table = Controls.table("shortcutTable", "No shortcuts");
        table.getColumns().setAll(List.of(
                Controls.column("Where", 140, Shortcut::scope),
                Controls.column("Keys", 150, shortcut -> shortcut.keys().getDisplayText()),
                Controls.column("Does", 300, Shortcut::description)));
        table.setItems(FXCollections.observableArrayList(shortcuts));
        table.setPrefSize(640, 480);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts (a screen's work only while it is shown)");
        alert.getDialogPane().setId("shortcutsDialog");
        alert.getDialogPane().lookupButton(ButtonType.CLOSE).setId("shortcutsClose");
        alert.getDialogPane().setContent(table);
        alert.setResizable(true);
        Bindings.bindContent(alert.getDialogPane().getStylesheets(), themes.stylesheets());
        alert.setOnHidden(event -> javafx.application.Platform.runLater(owner::requestFocus));
        alert.show();
    }
}
