package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.AdminService;
import dev.apogee.admin.service.ClusterSummary;
import dev.apogee.admin.service.ConnectionSpec;
import dev.apogee.admin.store.SavedConnection;
import dev.apogee.admin.task.ErrorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connections screen: saved clusters (list, add, edit, delete with confirmation), a connection test
 * of what the form holds, and connecting (or switching) to a saved one. The form's fields are plain
 * text properties that the view's text fields bind both ways.
 */
public final class ConnectionsViewModel extends ScreenViewModel {

    /** Outcome of the connection test. */
    public enum TestStatus { NOT_RUN, RUNNING, SUCCEEDED, FAILED }

    private final ObservableList<SavedConnection> connections = FXCollections.observableArrayList();
    private final ObservableList<SavedConnection> connectionsView = FXCollections.unmodifiableObservableList(connections);
    private final ObjectProperty<SavedConnection> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty nameServers = new SimpleStringProperty(this, "nameServers", "");
    private final StringProperty accessKey = new SimpleStringProperty(this, "accessKey", "");
    private final StringProperty secretKey = new SimpleStringProperty(this, "secretKey", "");
    private final BooleanProperty tls = new SimpleBooleanProperty(this, "tls");
    private final StringProperty trustedCertificates = new SimpleStringProperty(this, "trustedCertificates", "");
    private final ReadOnlyObjectWrapper<TestStatus> testStatus = new ReadOnlyObjectWrapper<>(this, "testStatus",
            TestStatus.NOT_RUN);
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final Confirmation confirmation = new Confirmation();
    private long editingId;

    public ConnectionsViewModel(Session session) {
        super(session);
        reload();
    }

    /** Reads the saved connections again. */
    public void reload() {
        connections.setAll(session.store().connections().list());
    }

    public ObservableList<SavedConnection> connections() {
        return connectionsView;
    }

    /** The connection selected in the list. */
    public ObjectProperty<SavedConnection> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Name servers, {@code host:port} separated by {@code ;}. */
    public StringProperty nameServersProperty() {
        return nameServers;
    }

    public StringProperty accessKeyProperty() {
        return accessKey;
    }

    public StringProperty secretKeyProperty() {
        return secretKey;
    }

    public BooleanProperty tlsProperty() {
        return tls;
    }

    /** PEM file of certificates to trust with TLS; empty for the JDK's. */
    public StringProperty trustedCertificatesProperty() {
        return trustedCertificates;
    }

    public ReadOnlyObjectProperty<TestStatus> testStatusProperty() {
        return testStatus.getReadOnlyProperty();
    }

    /** What the test found ("2 brokers in DefaultCluster") or why it failed. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** The delete question. */
    public Confirmation confirmation() {
        return confirmation;
    }

    /** Whether the form edits a saved connection (true) or a new one. */
    public boolean editingSaved() {
        return editingId != 0;
    }

    /** Empties the form for a new connection. */
    public void newConnection() {
        editingId = 0;
        name.set("");
        nameServers.set("");
        accessKey.set("");
        secretKey.set("");
        tls.set(false);
        trustedCertificates.set("");
        resetTest();
        valid();
    }

    /** Fills the form with {@code connection} to change it. */
    public void edit(SavedConnection connection) {
        editingId = connection.id();
        name.set(connection.name());
        nameServers.set(String.join(";", connection.nameServers()));
        accessKey.set(connection.accessKey() == null ? "" : connection.accessKey());
        secretKey.set(connection.secretKey() == null ? "" : connection.secretKey());
        tls.set(connection.tls());
        trustedCertificates.set(connection.trustedCertificates() == null ? "" : connection.trustedCertificates());
        resetTest();
        valid();
    }

    private void resetTest() {
        testStatus.set(TestStatus.NOT_RUN);
        testResult.set("");
    }

    /** The form as a connection, or null with the validation message set. */
    private SavedConnection fromForm() {
        String trimmedName = name.get() == null ? "" : name.get().trim();
        if (trimmedName.isEmpty()) {
            invalid("Give the connection a name");
            return null;
        }
        if (trimmedName.length() > 200) {
            invalid("The name is longer than 200 characters");
            return null;
        }
        List<String> addresses;
        try {
            addresses = Addresses.parse(nameServers.get());
        } catch (IllegalArgumentException e) {
            invalid(e.getMessage());
            return null;
        }
        boolean hasKey = accessKey.get() != null && !accessKey.get().isBlank();
        boolean hasSecret = secretKey.get() != null && !secretKey.get().isBlank();
        if (hasKey != hasSecret) {
            invalid("Enter both the access key and the secret key, or neither");
            return null;
        }
        String certificates = trustedCertificates.get() == null ? "" : trustedCertificates.get().trim();
        if (!certificates.isEmpty() && !tls.get()) {
            invalid("Trusted certificates are only used with TLS; turn TLS on or clear the file");
            return null;
        }
        if (!certificates.isEmpty() && !Files.isReadable(Path.of(certificates))) {
            invalid("The certificates file " + certificates + " cannot be read");
            return null;
        }
        valid();
        return new SavedConnection(editingId, trimmedName, addresses, accessKey.get(), secretKey.get(), tls.get(),
                certificates);
    }

    private static ConnectionSpec spec(SavedConnection connection) {
        return new ConnectionSpec(connection.nameServers(), connection.accessKey(), connection.secretKey(),
                connection.tls(), connection.trustedCertificates());
    }

    /** Saves the form (new or changed); returns whether it was valid and saved. */
    public boolean save() {
        SavedConnection connection = fromForm();
        if (connection == null) {
            return false;
        }
        try {
            SavedConnection saved = session.store().connections().save(connection);
            editingId = saved.id();
            reload();
            selected.set(saved);
            return true;
        } catch (RuntimeException e) {
            return invalid(ErrorReport.describe(e));
        }
    }

    /** Asks whether to delete {@code connection}; {@link Confirmation#confirm()} deletes it (disconnecting if live). */
    public void delete(SavedConnection connection) {
        confirmation.ask("Delete the connection '" + connection.name() + "' with its favourites and query history?",
                () -> {
                    if (session.liveConnectionId() == connection.id()) {
                        session.disconnect();
                    }
                    session.store().connections().delete(connection.id());
                    if (editingId == connection.id()) {
                        newConnection();
                    }
                    reload();
                });
    }

    /** Tries the form's settings: asks the name servers for their clusters, then closes again. */
    public boolean testConnection() {
        SavedConnection connection = fromForm();
        if (connection == null) {
            return false;
        }
        testStatus.set(TestStatus.RUNNING);
        testResult.set("Testing " + String.join(";", connection.nameServers()) + " ...");
        return submit("Test connection", progress -> {
            try (AdminService service = session.connector().connect(spec(connection))) {
                return service.ping();
            }
        }, summary -> {
            testStatus.set(TestStatus.SUCCEEDED);
            testResult.set(describe(summary));
        }, failure -> {
            // Shown in the form, where the user is looking; not a dialog.
            testStatus.set(TestStatus.FAILED);
            testResult.set("Failed: " + ErrorReport.describe(failure));
        });
    }

    private static String describe(ClusterSummary summary) {
        if (summary.clusters().isEmpty()) {
            return "Reached the name servers; no broker is registered";
        }
        return summary.brokerCount() + (summary.brokerCount() == 1 ? " broker" : " brokers") + " in "
                + String.join(", ", summary.clusters());
    }

    /** Connects to {@code connection} (switching from the live one once it answers). */
    public boolean connect(SavedConnection connection) {
        valid();
        return submit("Connect to " + connection.name(), progress -> {
            AdminService service = session.connector().connect(spec(connection));
            try {
                ClusterSummary summary = service.ping();
                if (progress.cancelled()) {
                    // A cancelled connect delivers nothing, so nobody else would close it.
                    throw new java.util.concurrent.CancellationException("connect cancelled");
                }
                return new Connected(service, summary);
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
        }, connected -> session.activate(connection, connected.service(), connected.summary()), null);
    }

    /**
     * Connects to the name servers {@code addresses} ({@code host:port;host:port}), as {@code --connect} asks
     * at start: through the saved connection with exactly those name servers, or a new one named after them.
     * Returns whether the connect was started (invalid addresses are explained in the validation message).
     */
    public boolean connectTo(String addresses) {
        newConnection();
        // Named after its name servers, unless one with the same name servers is saved already.
        name.set(addresses == null ? "" : addresses.trim());
        nameServers.set(addresses);
        SavedConnection wanted = fromForm();
        if (wanted == null) {
            return false;
        }
        for (SavedConnection saved : connections()) {
            if (saved.nameServers().equals(wanted.nameServers())) {
                selected.set(saved);
                return connect(saved);
            }
        }
        return save() && connect(selected.get());
    }

    /** Closes the live connection. */
    public void disconnect() {
        session.disconnect();
    }

    private record Connected(AdminService service, ClusterSummary summary) {
    }
}
