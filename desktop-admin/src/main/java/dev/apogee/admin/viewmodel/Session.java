package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.AdminConnector;
import dev.apogee.admin.service.AdminService;
import dev.apogee.admin.service.ClusterSummary;
import dev.apogee.admin.store.AdminStore;
import dev.apogee.admin.store.SavedConnection;
import dev.apogee.admin.task.TaskRunner;
import java.time.Clock;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What every view model shares: the live connection (at most one; switching closes the previous), the
 * task runner, the store, the connector and the clock. The status bar binds {@link #statusProperty()}
 * ("which cluster is live"). Used on the UI thread.
 */
public final class Session implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Session.class);

    private final TaskRunner tasks;
    private final AdminStore store;
    private final AdminConnector connector;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<AdminService> service = new ReadOnlyObjectWrapper<>(this, "service");
    private final ReadOnlyObjectWrapper<SavedConnection> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Not connected");

    public Session(TaskRunner tasks, AdminStore store, AdminConnector connector, Clock clock) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.store = Objects.requireNonNull(store, "store");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public AdminStore store() {
        return store;
    }

    public AdminConnector connector() {
        return connector;
    }

    public Clock clock() {
        return clock;
    }

    /** The live service, or null when not connected. */
    public ReadOnlyObjectProperty<AdminService> serviceProperty() {
        return service.getReadOnlyProperty();
    }

    /** The saved connection that is live, or null. */
    public ReadOnlyObjectProperty<SavedConnection> liveConnectionProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** "Connected to prod: DefaultCluster (2 brokers)", or "Not connected". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The live service, or null. */
    public AdminService service() {
        return service.get();
    }

    /** The live saved connection's id, or 0 (favourites and history are kept per connection). */
    public long liveConnectionId() {
        SavedConnection connection = live.get();
        return connection == null ? 0 : connection.id();
    }

    /** Makes {@code newService} (connected to {@code connection}) the live one, closing the one before. */
    void activate(SavedConnection connection, AdminService newService, ClusterSummary summary) {
        AdminService previous = service.get();
        live.set(connection);
        service.set(newService);
        connected.set(true);
        status.set("Connected to " + connection.name() + ": " + String.join(", ", summary.clusters()) + " ("
                + summary.brokerCount() + (summary.brokerCount() == 1 ? " broker)" : " brokers)"));
        closeLater(previous);
    }

    /** Closes the live connection. */
    public void disconnect() {
        AdminService previous = service.get();
        service.set(null);
        live.set(null);
        connected.set(false);
        status.set("Not connected");
        closeLater(previous);
    }

    private void closeLater(AdminService previous) {
        if (previous != null) {
            // Closing waits for the connections to end: not on the UI thread.
            tasks.submit("Disconnect", progress -> {
                previous.close();
                return null;
            }, ignored -> { });
        }
    }

    /** Closes the live connection; the runner and store belong to the caller. */
    @Override
    public void close() {
        AdminService previous = service.get();
        if (previous != null) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the connection failed", e);
            }
        }
        service.set(null);
    }
}
