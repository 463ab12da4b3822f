package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.ClientInfo;
import dev.apogee.admin.service.GroupDetail;
import dev.apogee.admin.service.GroupSummary;
import dev.apogee.admin.service.OffsetChange;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.service.ResetTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The consumer groups screen: the groups with total lag and consume TPS, the selected group's per-queue
 * table (broker offset, consumer offset, lag, assigned client) and members, and an offset reset that
 * is first previewed (read only) and then confirmed. Lag that cannot be known is empty, shown as
 * {@value #UNKNOWN}.
 */
public final class ConsumerGroupsViewModel extends ScreenViewModel {

    /** How an unknown lag or offset is shown. */
    public static final String UNKNOWN = "unknown";

    private final TimeInput times;
    private final List<GroupSummary> all = new ArrayList<>();
    private final ObservableList<GroupSummary> groups = FXCollections.observableArrayList();
    private final ObservableList<GroupSummary> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showSystem = new SimpleBooleanProperty(this, "showSystem", false);
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<GroupDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ObservableList<QueueLagRow> queues = FXCollections.observableArrayList();
    private final ObservableList<QueueLagRow> queuesView = FXCollections.unmodifiableObservableList(queues);
    private final ObservableList<ClientInfo> clients = FXCollections.observableArrayList();
    private final ObservableList<ClientInfo> clientsView = FXCollections.unmodifiableObservableList(clients);
    private final StringProperty resetTopic = new SimpleStringProperty(this, "resetTopic", "");
    private final ObjectProperty<ResetTarget.Kind> resetKind = new SimpleObjectProperty<>(this, "resetKind",
            ResetTarget.Kind.TIMESTAMP);
    private final StringProperty resetTime = new SimpleStringProperty(this, "resetTime", "-1h");
    private final ObservableList<OffsetChange> preview = FXCollections.observableArrayList();
    private final ObservableList<OffsetChange> previewView = FXCollections.unmodifiableObservableList(preview);
    private final ObservableList<OffsetChange> lastReset = FXCollections.observableArrayList();
    private final ObservableList<OffsetChange> lastResetView = FXCollections.unmodifiableObservableList(lastReset);
    private final Confirmation confirmation = new Confirmation();

    public ConsumerGroupsViewModel(Session session) {
        super(session);
        this.times = new TimeInput(session.clock());
        filter.addListener((observable, before, after) -> applyFilter());
        showSystem.addListener((observable, before, after) -> applyFilter());
        selected.addListener((observable, before, after) -> {
            preview.clear();
            confirmation.cancel();
            loadDetail();
        });
        session.serviceProperty().addListener((observable, before, after) -> {
            all.clear();
            groups.clear();
            selected.set(null);
        });
    }

    /** The groups shown, by name. */
    public ObservableList<GroupSummary> groups() {
        return groupsView;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Whether the brokers' and tools' own groups are listed. */
    public BooleanProperty showSystemProperty() {
        return showSystem;
    }

    /** The selected group; selecting loads its detail. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<GroupDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The selected group's queues. */
    public ObservableList<QueueLagRow> queues() {
        return queuesView;
    }

    /** The selected group's members online. */
    public ObservableList<ClientInfo> clients() {
        return clientsView;
    }

    /** The topic whose offsets to reset. */
    public StringProperty resetTopicProperty() {
        return resetTopic;
    }

    public ObjectProperty<ResetTarget.Kind> resetKindProperty() {
        return resetKind;
    }

    /** The time to reset to, for {@link ResetTarget.Kind#TIMESTAMP}. */
    public StringProperty resetTimeProperty() {
        return resetTime;
    }

    /** What the reset would do, per queue; nothing changed yet. */
    public ObservableList<OffsetChange> preview() {
        return previewView;
    }

    /** What the last confirmed reset did. */
    public ObservableList<OffsetChange> lastReset() {
        return lastResetView;
    }

    /** The reset question, asked once the preview is in. */
    public Confirmation confirmation() {
        return confirmation;
    }

    /** A lag or offset as the tables show it. */
    public static String display(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : UNKNOWN;
    }

    /** Loads the group list (and the selected group's detail again). */
    public boolean refresh() {
        return run("Load consumer groups", (service, progress) -> service.groups(), loaded -> {
            all.clear();
            all.addAll(loaded);
            applyFilter();
            loadDetail();
        });
    }

    private void applyFilter() {
        String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        groups.setAll(all.stream().filter(group -> showSystem.get() || !group.system())
                .filter(group -> needle.isEmpty() || group.group().toLowerCase(Locale.ROOT).contains(needle))
                .toList());
    }

    /** Loads the selected group's queues and members again. */
    public boolean loadDetail() {
        String group = selected.get();
        if (group == null) {
            detail.set(null);
            queues.clear();
            clients.clear();
            return false;
        }
        return run("Load group " + group, (service, progress) -> service.group(group), loaded -> {
            if (group.equals(selected.get())) {
                detail.set(loaded);
                queues.setAll(loaded.queues());
                clients.setAll(loaded.clients());
                if ((resetTopic.get() == null || resetTopic.get().isBlank()) && !loaded.topics().isEmpty()) {
                    resetTopic.set(loaded.topics().stream().filter(topic -> !topic.startsWith("%")).findFirst()
                            .orElse(loaded.topics().get(0)));
                }
            }
        });
    }

    /** The reset the form describes, or null with the validation message set. */
    private ResetTarget target() {
        return switch (resetKind.get()) {
            case EARLIEST -> ResetTarget.earliest();
            case LATEST -> ResetTarget.latest();
            case TIMESTAMP -> {
                try {
                    Instant time = times.parse(resetTime.get());
                    yield ResetTarget.at(time);
                } catch (IllegalArgumentException e) {
                    invalid(e.getMessage());
                    yield null;
                }
            }
        };
    }

    /**
     * Computes what the reset would do (reading only) and then asks to confirm it; {@link
     * Confirmation#confirm()} makes the real reset.
     */
    public boolean previewReset() {
        String group = selected.get();
        if (group == null) {
            return invalid("Select a consumer group first");
        }
        String topic = resetTopic.get() == null ? "" : resetTopic.get().trim();
        if (topic.isEmpty()) {
            return invalid("Choose the topic whose offsets to reset");
        }
        ResetTarget target = target();
        if (target == null) {
            return false;
        }
        valid();
        confirmation.cancel();
        return run("Preview reset of " + group, (service, progress) -> service.previewReset(group, topic, target),
                changes -> {
                    preview.setAll(changes);
                    confirmation.ask("Reset the offsets of " + group + " on " + topic + " " + describe(target) + " ("
                            + changes.size() + " queues)? Its consumers jump there at once.", () -> reset(group, topic, target));
                });
    }

    private String describe(ResetTarget target) {
        return switch (target.kind()) {
            case EARLIEST -> "to the oldest message kept";
            case LATEST -> "past the newest message";
            case TIMESTAMP -> "to " + times.format(target.time());
        };
    }

    private void reset(String group, String topic, ResetTarget target) {
        run("Reset offsets of " + group, (service, progress) -> service.resetOffsets(group, topic, target), changes -> {
            lastReset.setAll(changes);
            preview.clear();
            loadDetail();
        });
    }
}
