package dev.apogee.admin.ui;

import dev.apogee.admin.viewmodel.Confirmation;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;

/**
 * Shows a view model's {@link Confirmation} as a dialog while it asks: Yes confirms, No (or closing
 * the dialog) cancels. Ids: {@code confirmationDialog}, {@code confirmationQuestion}, {@code confirmYes},
 * {@code confirmNo}.
 *
 * <p>Each question gets a dialog of its own: a reused JavaFX dialog whose result is reset fires its
 * close handlers again, which would answer the next question with No. The dialog is shown without
 * blocking ({@code show}, not {@code showAndWait}): the question appears from a property listener,
 * where a nested event loop would run in the middle of a change notification.
 */
public final class ConfirmationDialog {

    private static final ButtonType YES = new ButtonType("Yes", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType NO = new ButtonType("No", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Confirmation confirmation;
    private final String title;
    private final Navigator owner;
    private Alert showing;

    private ConfirmationDialog(Confirmation confirmation, String title, Navigator owner) {
        this.confirmation = confirmation;
        this.title = title;
        this.owner = owner;
    }

    /** Shows {@code confirmation}'s questions as dialogs titled {@code title}, owned by the main window. */
    public static void bind(Confirmation confirmation, String title, Navigator owner, Themes themes) {
        ConfirmationDialog dialog = new ConfirmationDialog(confirmation, title, owner);
        confirmation.questionProperty().addListener((observable, before, text) -> dialog.update(text, themes));
    }

    private void update(String text, Themes themes) {
        if (text == null) {
            // Answered here, or withdrawn by the view model (e.g. another group was selected).
            if (showing != null) {
                settle(showing);
                Alert closing = showing;
                showing = null;
                Platform.runLater(closing::close);
            }
            return;
        }
        if (showing != null) {
            // A new question replaced the one shown (Confirmation.ask replaces): show the new text.
            ((Label) showing.getDialogPane().getContent()).setText(text);
            return;
        }
        showing = create(text, themes);
        Alert alert = showing;
        Platform.runLater(() -> {
            if (showing == alert && confirmation.pending()) {
                alert.show();
            }
        });
    }

    /**
     * Marks {@code alert} answered or withdrawn, so that its closing does not answer again (nor answer a
     * newer question); true the first time.
     */
    private static boolean settle(Alert alert) {
        return alert.getDialogPane().getProperties().put("settled", Boolean.TRUE) == null;
    }

    private Alert create(String text, Themes themes) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", YES, NO);
        alert.initOwner(owner.window());
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirmationDialog");
        Label question = Controls.label("confirmationQuestion", text);
        question.setWrapText(true);
        question.setMaxWidth(520);
        alert.getDialogPane().setContent(question);
        Button yes = (Button) alert.getDialogPane().lookupButton(YES);
        Button no = (Button) alert.getDialogPane().lookupButton(NO);
        yes.setId("confirmYes");
        no.setId("confirmNo");
        // No is the default: Enter must not delete a topic by accident.
        yes.setDefaultButton(false);
        no.setDefaultButton(true);
        Bindings.bindContent(alert.getDialogPane().getStylesheets(), themes.stylesheets());
        alert.setOnHidden(event -> {
            // Back to the main window; later, because it is still blocked by the modal dialog while it hides.
            Platform.runLater(() -> owner.window().requestFocus());
            if (showing == alert) {
                showing = null;
            }
            if (settle(alert)) {
                if (alert.getResult() == YES) {
                    confirmation.confirm();
                } else {
                    confirmation.cancel();
                }
            }
        });
        return alert;
    }
}
