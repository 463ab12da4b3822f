package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.service.TopicDefinition;
import dev.apogee.admin.service.TopicInfo;
import dev.apogee.admin.service.TopicPermission;
import dev.apogee.admin.service.TopicRouteInfo;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * The topics screen: a searchable list (system topics hidden until {@link #showSystemProperty()} is
 * on, favourites pinned first), the selected topic's route and queue offsets, and a form to create or
 * change a topic; changing and deleting an existing topic wait for the user's confirmation.
 */
public final class TopicsViewModel extends ScreenViewModel {

    /** Most queues per broker the form accepts (RocketMQ's brokers refuse far more anyway). */
    public static final int MAX_QUEUES = 1024;
    /** How long a change waits for the name servers to list it. */
    static final long LISTING_WAIT_MILLIS = 5000;

    private final List<TopicInfo> all = new ArrayList<>();
    private final Set<String> favourites = new HashSet<>();
    private final ObservableList<TopicRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TopicRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> clusters = FXCollections.observableArrayList();
    private final ObservableList<String> clustersView = FXCollections.unmodifiableObservableList(clusters);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showSystem = new SimpleBooleanProperty(this, "showSystem", false);
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<TopicRouteInfo> route = new ReadOnlyObjectWrapper<>(this, "route");
    private final ObservableList<QueueOffsets> queueOffsets = FXCollections.observableArrayList();
    private final ObservableList<QueueOffsets> queueOffsetsView = FXCollections.unmodifiableObservableList(queueOffsets);
    private final StringProperty formName = new SimpleStringProperty(this, "formName", "");
    private final StringProperty formCluster = new SimpleStringProperty(this, "formCluster", "");
    private final StringProperty formReadQueues = new SimpleStringProperty(this, "formReadQueues", "8");
    private final StringProperty formWriteQueues = new SimpleStringProperty(this, "formWriteQueues", "8");
    private final ObjectProperty<TopicPermission> formPermission = new SimpleObjectProperty<>(this, "formPermission",
            TopicPermission.READ_WRITE);
    private final BooleanProperty formOrdered = new SimpleBooleanProperty(this, "formOrdered");
    private final Confirmation confirmation = new Confirmation();

    public TopicsViewModel(Session session) {
        super(session);
        filter.addListener((observable, before, after) -> applyFilter());
        showSystem.addListener((observable, before, after) -> applyFilter());
        selected.addListener((observable, before, after) -> loadDetails(after));
        session.serviceProperty().addListener((observable, before, after) -> {
            all.clear();
            rows.clear();
            clusters.clear();
            selected.set(null);
        });
    }

    /** The topics shown: filtered, favourites first, then by name. */
    public ObservableList<TopicRow> rows() {
        return rowsView;
    }

    /** The clusters a topic may be created in (the form's choice). */
    public ObservableList<String> clusters() {
        return clustersView;
    }

    /** Case-insensitive part of the name to show. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Whether system, retry and dead-letter topics are listed. */
    public BooleanProperty showSystemProperty() {
        return showSystem;
    }

    /** The selected topic's name; selecting loads its route and offsets. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<TopicRouteInfo> routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** The selected topic's queues with min/max offsets and last update time. */
    public ObservableList<QueueOffsets> queueOffsets() {
        return queueOffsetsView;
    }

    public StringProperty formNameProperty() {
        return formName;
    }

    public StringProperty formClusterProperty() {
        return formCluster;
    }

    public StringProperty formReadQueuesProperty() {
        return formReadQueues;
    }

    public StringProperty formWriteQueuesProperty() {
        return formWriteQueues;
    }

    public ObjectProperty<TopicPermission> formPermissionProperty() {
        return formPermission;
    }

    public BooleanProperty formOrderedProperty() {
        return formOrdered;
    }

    /** The update and delete questions. */
    public Confirmation confirmation() {
        return confirmation;
    }

    /** Loads the topic list, the clusters and the favourites. */
    public boolean refresh() {
        long connectionId = session.liveConnectionId();
        return run("Load topics", (service, progress) -> new Loaded(service.topics(), service.clusterNames(),
                connectionId == 0 ? Set.of() : session.store().favourites().topics(connectionId)), this::showLoaded);
    }

    private void showLoaded(Loaded loaded) {
        all.clear();
        all.addAll(loaded.topics());
        favourites.clear();
        favourites.addAll(loaded.favourites());
        clusters.setAll(loaded.clusters());
        if ((formCluster.get() == null || formCluster.get().isBlank()) && !clusters.isEmpty()) {
            formCluster.set(clusters.get(0));
        }
        applyFilter();
    }

    /**
     * The topic list once the name servers agree with a change just made (brokers register with them
     * in the background, within a second or two), or as it is after {@value #LISTING_WAIT_MILLIS} ms.
     */
    private Loaded awaitListing(dev.apogee.admin.service.AdminService service, String topic, boolean present)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(LISTING_WAIT_MILLIS);
        long connectionId = session.liveConnectionId();
        while (true) {
            List<TopicInfo> listed = service.topics();
            boolean there = listed.stream().anyMatch(known -> known.name().equals(topic));
            if (there == present || System.nanoTime() > deadline) {
                return new Loaded(listed, service.clusterNames(),
                        connectionId == 0 ? Set.of() : session.store().favourites().topics(connectionId));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits (up to {@value #LISTING_WAIT_MILLIS} ms) until the name servers' route of a changed topic
     * shows the change: an existing topic is listed at once, so waiting for the listing alone showed
     * the route from before the change.
     */
    private static void awaitRoute(dev.apogee.admin.service.AdminService service, TopicDefinition topic)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(LISTING_WAIT_MILLIS);
        while (System.nanoTime() <= deadline) {
            TopicRouteInfo current = service.route(topic.name());
            boolean changed = !current.brokers().isEmpty() && current.brokers().stream().allMatch(broker ->
                    broker.readQueues() == topic.readQueues() && broker.writeQueues() == topic.writeQueues()
                            && broker.permission() == topic.permission());
            if (changed) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private record Loaded(List<TopicInfo> topics, List<String> clusters, Set<String> favourites) {
    }

    private void applyFilter() {
        String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        rows.setAll(all.stream()
                .filter(topic -> showSystem.get() || !topic.isSystem())
                .filter(topic -> needle.isEmpty() || topic.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(topic -> new TopicRow(topic, favourites.contains(topic.name())))
                .sorted(Comparator.comparing((TopicRow row) -> !row.favourite()).thenComparing(TopicRow::name))
                .toList());
    }

    /** Pins or unpins {@code topic} for the live connection. */
    public void setFavourite(String topic, boolean pinned) {
        long connectionId = session.liveConnectionId();
        if (connectionId == 0) {
            invalid(NOT_CONNECTED);
            return;
        }
        session.store().favourites().set(connectionId, topic, pinned);
        if (pinned) {
            favourites.add(topic);
        } else {
            favourites.remove(topic);
        }
        applyFilter();
    }

    private void loadDetails(String topic) {
        route.set(null);
        queueOffsets.clear();
        if (topic == null) {
            return;
        }
        run("Load route of " + topic, (service, progress) -> new Details(service.route(topic),
                service.queueOffsets(topic)), details -> {
                    if (topic.equals(selected.get())) {
                        route.set(details.route());
                        queueOffsets.setAll(details.offsets());
                    }
                });
    }

    private record Details(TopicRouteInfo route, List<QueueOffsets> offsets) {
    }

    /** Fills the form from the selected topic's route, to change it. */
    public void editSelected() {
        TopicRouteInfo current = route.get();
        if (current == null || current.brokers().isEmpty()) {
            invalid("Select a topic first");
            return;
        }
        TopicRouteInfo.BrokerQueues first = current.brokers().get(0);
        formName.set(current.topic());
        if (first.cluster() != null) {
            formCluster.set(first.cluster());
        }
        formReadQueues.set(Integer.toString(first.readQueues()));
        formWriteQueues.set(Integer.toString(first.writeQueues()));
        formPermission.set(first.permission());
        formOrdered.set(current.ordered());
        valid();
    }

    /** The form as a topic, or null with the validation message set. */
    private TopicDefinition fromForm() {
        String name = formName.get() == null ? "" : formName.get().trim();
        try {
            Topics.checkName(name);
        } catch (InvalidMessageException e) {
            invalid("Topic name: " + e.getMessage());
            return null;
        }
        if (formCluster.get() == null || formCluster.get().isBlank()) {
            invalid("Choose the cluster to create the topic in");
            return null;
        }
        Integer read = queueCount("read", formReadQueues.get());
        Integer write = read == null ? null : queueCount("write", formWriteQueues.get());
        if (read == null || write == null) {
            return null;
        }
        if (read + write == 0) {
            invalid("A topic needs at least one read or write queue");
            return null;
        }
        valid();
        return new TopicDefinition(name, read, write, formPermission.get(), formOrdered.get());
    }

    private Integer queueCount(String which, String text) {
        try {
            int count = Integer.parseInt(text == null ? "" : text.trim());
            if (count >= 0 && count <= MAX_QUEUES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        invalid("The number of " + which + " queues must be a whole number from 0 to " + MAX_QUEUES);
        return null;
    }

    /**
     * Creates the form's topic at once, or, if it exists, asks to confirm the change (queue counts and
     * permission affect running producers and consumers). Returns false if the form is invalid.
     */
    public boolean submitTopic() {
        TopicDefinition topic = fromForm();
        if (topic == null || serviceOrComplain() == null) {
            return false;
        }
        String cluster = formCluster.get().trim();
        // Known from the list, or from the route loaded for editing (the list may be older than that).
        boolean exists = all.stream().anyMatch(known -> known.name().equals(topic.name()))
                || (route.get() != null && route.get().topic().equals(topic.name()));
        Runnable change = () -> run((exists ? "Update topic " : "Create topic ") + topic.name(), (service, progress) -> {
            service.createOrUpdateTopic(cluster, topic);
            if (exists) {
                awaitRoute(service, topic);
            }
            return awaitListing(service, topic.name(), true);
        }, listed -> {
            showLoaded(listed);
            selected.set(null);
            selected.set(topic.name());
        });
        if (exists) {
            confirmation.ask("Change topic " + topic.name() + " in " + cluster + " to " + topic.readQueues() + " read / "
                    + topic.writeQueues() + " write queues, " + topic.permission() + (topic.ordered() ? ", ordered" : "")
                    + "?", change);
        } else {
            change.run();
        }
        return true;
    }

    /** Asks to delete {@code topic} from the form's cluster (or the first); {@link Confirmation#confirm()} does it. */
    public boolean delete(String topic) {
        if (serviceOrComplain() == null) {
            return false;
        }
        String cluster = formCluster.get() != null && !formCluster.get().isBlank() ? formCluster.get().trim()
                : clusters.isEmpty() ? null : clusters.get(0);
        if (cluster == null) {
            return invalid("Load the topics first: the cluster is not known yet");
        }
        valid();
        confirmation.ask("Delete topic " + topic + " from every broker of " + cluster + "? Its messages and every "
                + "group's offsets on it are lost.", () -> run("Delete topic " + topic, (service, progress) -> {
                    service.deleteTopic(cluster, topic);
                    return awaitListing(service, topic, false);
                }, listed -> {
                    if (topic.equals(selected.get())) {
                        selected.set(null);
                    }
                    showLoaded(listed);
                }));
        return true;
    }
}
