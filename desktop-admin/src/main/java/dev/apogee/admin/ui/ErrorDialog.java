package dev.apogee.admin.ui;

import dev.apogee.admin.task.ErrorLog;
import dev.apogee.admin.task.ErrorReport;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shows every failure the {@link ErrorLog} receives: what failed as the header, the reason in a line,
 * and the stack trace in the expandable details. A failure arriving while the dialog is open replaces
 * what it shows and says how many came in. Ids: {@code errorDialog}, {@code errorMessage},
 * {@code errorDetails}, {@code errorClose}.
 */
public final class ErrorDialog {

    private final ErrorLog log;
    private final Alert alert;
    private final Label message = Controls.label("errorMessage", "");
    private final Label more = Controls.label("errorMore", "");
    private final TextArea details = Controls.viewer("errorDetails");
    private int unseen;

    public ErrorDialog(ErrorLog log, Window owner, Themes themes) {
        this.log = log;
        alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Error");
        alert.getDialogPane().setId("errorDialog");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CLOSE)).setId("errorClose");
        message.setWrapText(true);
        message.setMaxWidth(560);
        alert.getDialogPane().setContent(new VBox(6, message, more));
        details.setPrefRowCount(16);
        details.setPrefColumnCount(90);
        alert.getDialogPane().setExpandableContent(details);
        Bindings.bindContent(alert.getDialogPane().getStylesheets(), themes.stylesheets());
        alert.setOnHidden(event -> {
            unseen = 0;
            // Back to the main window (later: it is still blocked by the modal dialog while it hides).
            Platform.runLater(owner::requestFocus);
        });
        log.latestProperty().addListener((observable, before, report) -> {
            if (report != null) {
                unseen++;
                // Later, not inside the change notification: the dialog opens a window.
                Platform.runLater(() -> show(report));
            }
        });
    }

    /** Shows the newest report again (the status bar's error button). */
    public void showLatest() {
        ErrorReport report = log.latestProperty().get();
        if (report != null) {
            show(report);
        }
    }

    private void show(ErrorReport report) {
        alert.setHeaderText(report.title() + " failed");
        message.setText(report.message());
        more.setText(unseen > 1 ? (unseen - 1) + " more failed since this dialog opened; the newest is shown"
                : "At " + Controls.time(report.at()) + ". The details say where it happened.");
        details.setText(report.details());
        if (!alert.isShowing()) {
            alert.show();
        }
    }
}
