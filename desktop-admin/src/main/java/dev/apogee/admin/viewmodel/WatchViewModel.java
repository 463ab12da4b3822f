package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.GroupDetail;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.store.AppSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The offset watch: chosen groups' total lag (and committed offsets) over time, one series per group
 * for a line chart. The view's {@code ScheduledService} calls {@link #refresh()} every
 * {@link #intervalProperty()}; the view model takes one sample per call (none while paused or while the
 * last is still under way) and drops samples older than {@link #windowProperty()}. Interval and window
 * start from, and are saved to, the user's settings.
 */
public final class WatchViewModel extends ScreenViewModel {

    /** Intervals the view offers. */
    public static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1));
    /** Windows the view offers. */
    public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));

    private final Map<String, LagSeries> byGroup = new LinkedHashMap<>();
    private final ObservableList<LagSeries> series = FXCollections.observableArrayList();
    private final ObservableList<LagSeries> seriesView = FXCollections.unmodifiableObservableList(series);
    private final StringProperty groupToAdd = new SimpleStringProperty(this, "groupToAdd", "");
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>(this, "interval");
    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(this, "window");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");

    public WatchViewModel(Session session) {
        super(session);
        AppSettings settings = session.store().settings().load();
        interval.set(settings.watchInterval());
        window.set(settings.watchWindow());
        interval.addListener((observable, before, after) -> saveSettings());
        window.addListener((observable, before, after) -> {
            saveSettings();
            dropOld();
        });
        session.serviceProperty().addListener((observable, before, after) -> byGroup.values()
                .forEach(line -> line.mutablePoints().clear()));
    }

    private void saveSettings() {
        Duration every = interval.get();
        Duration span = window.get();
        if (every == null || span == null || every.isNegative() || every.isZero() || span.compareTo(every) < 0) {
            invalid("The window must be at least as long as the interval");
            return;
        }
        valid();
        AppSettings current = session.store().settings().load();
        session.store().settings().save(new AppSettings(current.theme(), every, span));
    }

    /** One line per watched group. */
    public ObservableList<LagSeries> series() {
        return seriesView;
    }

    /** The group name typed to add. */
    public StringProperty groupToAddProperty() {
        return groupToAdd;
    }

    /** How often the view samples. */
    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    /** How far back the chart goes. */
    public ObjectProperty<Duration> windowProperty() {
        return window;
    }

    /** Whether sampling is paused (the chart keeps what it has). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Watches {@link #groupToAddProperty()}. */
    public boolean addGroup() {
        String group = groupToAdd.get() == null ? "" : groupToAdd.get().trim();
        if (group.isEmpty()) {
            return invalid("Enter the consumer group to watch");
        }
        if (!group.matches("[%|a-zA-Z0-9_-]{1,255}")) {
            return invalid("'" + group + "' is not a consumer group name");
        }
        if (byGroup.containsKey(group)) {
            return invalid(group + " is watched already");
        }
        valid();
        LagSeries line = new LagSeries(group);
        byGroup.put(group, line);
        series.add(line);
        groupToAdd.set("");
        return true;
    }

    /** Stops watching {@code group}. */
    public void removeGroup(String group) {
        LagSeries line = byGroup.remove(group);
        if (line != null) {
            series.remove(line);
        }
    }

    /** Takes one sample of every watched group (unless paused or one is under way); what the schedule calls. */
    public boolean refresh() {
        if (paused.get() || busyProperty().get() || byGroup.isEmpty()) {
            return false;
        }
        List<String> groups = new ArrayList<>(byGroup.keySet());
        return run("Sample group lag", (service, progress) -> {
            Map<String, GroupDetail> details = new LinkedHashMap<>();
            for (String group : groups) {
                details.put(group, service.group(group));
            }
            return details;
        }, this::append);
    }

    private void append(Map<String, GroupDetail> details) {
        Instant now = session.clock().instant();
        details.forEach((group, detail) -> {
            LagSeries line = byGroup.get(group);
            if (line != null) {
                line.mutablePoints().add(new LagPoint(now, detail.totalLag(), committedSum(detail)));
            }
        });
        dropOld();
    }

    private static OptionalLong committedSum(GroupDetail detail) {
        if (detail.queues().isEmpty()) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (QueueLagRow row : detail.queues()) {
            if (row.consumerOffset().isEmpty()) {
                return OptionalLong.empty();
            }
            sum += row.consumerOffset().getAsLong();
        }
        return OptionalLong.of(sum);
    }

    /** Drops the samples older than the window. */
    private void dropOld() {
        if (window.get() == null) {
            return;
        }
        Instant oldest = session.clock().instant().minus(window.get());
        byGroup.values().forEach(line -> line.mutablePoints().removeIf(point -> point.at().isBefore(oldest)));
    }
}
