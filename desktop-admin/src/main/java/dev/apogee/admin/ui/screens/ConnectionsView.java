package dev.apogee.admin.ui.screens;

import dev.apogee.admin.store.SavedConnection;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.ConfirmationDialog;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.ConnectionsViewModel;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * Saved clusters on the left (the live one marked), the form of the selected or a new one on the
 * right, with a connection test. Connect makes the selected one live (switching from the one before).
 */
public final class ConnectionsView extends ScreenView {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass SUCCEEDED = PseudoClass.getPseudoClass("succeeded");

    private final ConnectionsViewModel model;
    private final ListView<SavedConnection> list = new ListView<>();
    private boolean syncing;

    public ConnectionsView(AdminContext context, Navigator navigator) {
        super(Screen.CONNECTIONS, context, navigator);
        this.model = context.connections();
        ConfirmationDialog.bind(model.confirmation(), "Delete connection", navigator, navigator.themes());

        list.setId("connectionList");
        list.setItems(model.connections());
        list.setPlaceholder(new Label("No saved connections yet: fill in the form and save"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(SavedConnection item, boolean empty) {
                super.updateItem(item, empty);
                boolean live = !empty && item != null && context.session().liveConnectionId() == item.id();
                setText(empty || item == null ? null : (live ? "\u25CF " : "") + item.name() + "  \u2014  "
                        + String.join(";", item.nameServers()));
            }
        });
        // The live marker follows the session.
        context.session().liveConnectionProperty().addListener((observable, before, after) -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
            if (!syncing && after != null) {
                syncing = true;
                model.selectedProperty().set(after);
                model.edit(after);
                syncing = false;
            }
        });
        model.selectedProperty().addListener((observable, before, after) -> {
            if (!syncing) {
                syncing = true;
                list.getSelectionModel().select(after);
                syncing = false;
            }
        });
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && model.selectedProperty().get() != null) {
                model.connect(model.selectedProperty().get());
            }
        });

        Button add = action("newConnection", "New", keys("Shortcut+N"), () -> {
            list.getSelectionModel().clearSelection();
            model.selectedProperty().set(null);
            model.newConnection();
        });
        Button connect = action("connect", "Connect", keys("Shortcut+ENTER"),
                () -> model.connect(model.selectedProperty().get()));
        connect.setDefaultButton(false);
        connect.disableProperty().bind(model.selectedProperty().isNull());
        Button disconnect = action("disconnect", "Disconnect", keys("Shortcut+Shift+ENTER"), model::disconnect);
        disconnect.disableProperty().bind(context.session().connectedProperty().not());
        Button delete = action("deleteConnection", "Delete", keys("Shortcut+D"),
                () -> model.delete(model.selectedProperty().get()));
        delete.disableProperty().bind(model.selectedProperty().isNull());
        VBox left = new VBox(6, list, Controls.row(add, connect, disconnect, delete));
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);

        PasswordField secret = new PasswordField();
        secret.setId("connectionSecretKey");
        secret.textProperty().bindBidirectional(model.secretKeyProperty());
        TextField certificates = Controls.field("connectionCertificates", model.trustedCertificatesProperty(),
                "PEM file; empty for the JDK's trusted certificates");
        Button chooseCertificates = action("chooseCertificates", "Choose...", null, () -> context.files()
                .openFile(navigator.window(), "Certificates to trust")
                .ifPresent(path -> model.trustedCertificatesProperty().set(path.toString())));
        Label testResult = Controls.label("testResult", "");
        testResult.setWrapText(true);
        testResult.textProperty().bind(model.testResultProperty());
        model.testStatusProperty().addListener((observable, before, status) -> {
            testResult.pseudoClassStateChanged(FAILED, status == ConnectionsViewModel.TestStatus.FAILED);
            testResult.pseudoClassStateChanged(SUCCEEDED, status == ConnectionsViewModel.TestStatus.SUCCEEDED);
        });
        testResult.getStyleClass().add("test-result");
        Label editing = new Label();
        editing.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? "New connection" : "Edit " + model.selectedProperty().get().name(), model.selectedProperty()));
        editing.getStyleClass().add("section-title");
        VBox form = new VBox(8, editing, Controls.form(
                "Name", Controls.field("connectionName", model.nameProperty(), "e.g. production"),
                "Name servers", Controls.field("connectionNameServers", model.nameServersProperty(),
                        "host:port;host:port"),
                "Access key", Controls.field("connectionAccessKey", model.accessKeyProperty(), "optional (ACL)"),
                "Secret key", secret,
                "TLS", Controls.check("connectionTls", "Use TLS", model.tlsProperty()),
                "Trusted certificates", Controls.row(certificates, chooseCertificates)),
                Controls.row(action("saveConnection", "Save", keys("Shortcut+S"), model::save),
                        action("testConnection", "Test connection", keys("Shortcut+T"), model::testConnection)),
                testResult);
        javafx.scene.layout.HBox.setHgrow(certificates, javafx.scene.layout.Priority.ALWAYS);

        SplitPane split = new SplitPane(left, form);
        split.setDividerPositions(0.4);
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(Controls.title("Connections"), split, new TaskFooter("connections", model));
    }
}
