package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.BrokerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster screen: every broker with address, version, role, TPS and disk use. Auto-refresh is a
 * flag and an interval that the view's {@code ScheduledService} follows, calling {@link #refresh()};
 * a refresh while one is under way is skipped so that a slow cluster does not pile up requests.
 */
public final class ClusterViewModel extends ScreenViewModel {

    /** Intervals the view offers. */
    public static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1));

    private final ObservableList<BrokerInfo> brokers = FXCollections.observableArrayList();
    private final ObservableList<BrokerInfo> brokersView = FXCollections.unmodifiableObservableList(brokers);
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(this, "autoRefresh", true);
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>(this, "interval", Duration.ofSeconds(5));
    private final ReadOnlyObjectWrapper<Instant> refreshedAt = new ReadOnlyObjectWrapper<>(this, "refreshedAt");

    public ClusterViewModel(Session session) {
        super(session);
        session.serviceProperty().addListener((observable, before, after) -> {
            brokers.clear();
            refreshedAt.set(null);
        });
    }

    public ObservableList<BrokerInfo> brokers() {
        return brokersView;
    }

    /** Whether the view refreshes on its own. */
    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    /** How often it does. */
    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    /** When the table was last filled. */
    public ReadOnlyObjectProperty<Instant> refreshedAtProperty() {
        return refreshedAt.getReadOnlyProperty();
    }

    /** Loads the brokers again (skipped while a load runs). */
    public boolean refresh() {
        if (busyProperty().get()) {
            return false;
        }
        return run("Load brokers", (service, progress) -> service.brokers(), loaded -> {
            brokers.setAll(loaded);
            refreshedAt.set(session.clock().instant());
        });
    }

    /** Disk use as the table shows it: "73 %" or "unknown". */
    public static String diskUse(BrokerInfo broker) {
        return broker.diskUsedRatio().isPresent() ? Math.round(broker.diskUsedRatio().getAsDouble() * 100) + " %" : "unknown";
    }
}
