package dev.apogee.admin.ui.screens;

import dev.apogee.admin.export.TableData;
import dev.apogee.admin.export.Tables;
import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.service.TopicPermission;
import dev.apogee.admin.service.TopicRouteInfo;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.ConfirmationDialog;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.TopicRow;
import dev.apogee.admin.viewmodel.TopicsViewModel;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * The topic list (search, system topics on request, favourites pinned first), the selected topic's
 * route and queue offsets, and the create/update form. Changing or deleting a topic asks first.
 */
public final class TopicsView extends ScreenView {

    private final TopicsViewModel model;
    private final TableView<TopicRow> table = Controls.table("topicTable", "No topics (connect, then refresh)");

    public TopicsView(AdminContext context, Navigator navigator) {
        super(Screen.TOPICS, context, navigator);
        this.model = context.topics();
        ConfirmationDialog.bind(model.confirmation(), "Change topic", navigator, navigator.themes());

        TextField filter = Controls.field("topicFilter", model.filterProperty(), "Search topics");
        table.setItems(model.rows());
        table.getColumns().setAll(List.of(
                Controls.column("\u2605", 30, row -> row.favourite() ? "\u2605" : ""),
                Controls.column("Topic", 260, TopicRow::name),
                Controls.column("Kind", 100, row -> row.topic().kind().name().toLowerCase(java.util.Locale.ROOT))));
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, row) -> {
            if (row != null && !row.name().equals(model.selectedProperty().get())) {
                model.selectedProperty().set(row.name());
            }
        });
        // Keeps the row selected when the list is filled again (after a change, a pin, a refresh).
        model.rows().addListener((javafx.collections.ListChangeListener<TopicRow>) change -> selectRow());
        model.selectedProperty().addListener((observable, before, after) -> selectRow());

        Button pin = action("pinTopic", "Pin / unpin", keys("Shortcut+P"), () -> {
            TopicRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                model.setFavourite(row.name(), !row.favourite());
            }
        });
        Button browse = action("browseSelectedTopic", "Browse", keys("Shortcut+B"),
                () -> navigator.browseTopic(model.selectedProperty().get()));
        Button edit = action("editTopic", "Edit", keys("Shortcut+E"), model::editSelected);
        Button delete = action("deleteTopic", "Delete...", keys("Shortcut+D"),
                () -> model.delete(model.selectedProperty().get()));
        for (Button needsSelection : List.of(pin, browse, edit, delete)) {
            needsSelection.disableProperty().bind(model.selectedProperty().isNull());
        }
        VBox top = new VBox(6, Controls.title("Topics"), Controls.row(filter,
                Controls.check("showSystemTopics", "System topics", model.showSystemProperty()),
                action("refreshTopics", "Refresh", keys("F5"), model::refresh), pin, browse, edit, delete));
        filter.setPrefColumnCount(24);
        shortcut(keys("Shortcut+F"), "Search topics", filter::requestFocus);
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);

        SplitPane split = new SplitPane(table, details());
        split.setDividerPositions(0.38);
        layout(top, split, new TaskFooter("topics", model));
    }

    private void selectRow() {
        String name = model.selectedProperty().get();
        TopicRow selected = table.getSelectionModel().getSelectedItem();
        if (name == null || (selected != null && selected.name().equals(name))) {
            return;
        }
        model.rows().stream().filter(row -> row.name().equals(name)).findFirst()
                .ifPresent(row -> table.getSelectionModel().select(row));
    }

    private VBox details() {
        Label route = Controls.label("topicRoute", "");
        route.setWrapText(true);
        route.textProperty().bind(Bindings.createStringBinding(() -> describe(model.routeProperty().get()),
                model.routeProperty()));
        TableView<QueueOffsets> queues = Controls.table("topicQueueTable", "Select a topic");
        queues.setItems(model.queueOffsets());
        queues.getColumns().setAll(List.of(
                Controls.column("Queue", 110, queue -> queue.queue().label()),
                Controls.column("Min offset", 90, queue -> Long.toString(queue.minOffset())),
                Controls.column("Max offset", 90, queue -> Long.toString(queue.maxOffset())),
                Controls.column("Messages", 80, queue -> Long.toString(queue.messages())),
                Controls.column("Last update", 170, queue -> queue.lastUpdated().map(Controls::time).orElse(""))));
        queues.setPrefHeight(220);

        ComboBox<String> cluster = new ComboBox<>(model.clusters());
        cluster.setId("topicCluster");
        cluster.valueProperty().bindBidirectional(model.formClusterProperty());
        ChoiceBox<TopicPermission> permission = new ChoiceBox<>(FXCollections.observableArrayList(TopicPermission.values()));
        permission.setId("topicPermission");
        permission.valueProperty().bindBidirectional(model.formPermissionProperty());
        TitledPane form = new TitledPane("Create or update a topic", new VBox(6, Controls.form(
                "Name", Controls.field("topicName", model.formNameProperty(), "e.g. Orders"),
                "Cluster", cluster,
                "Read queues", Controls.field("topicReadQueues", model.formReadQueuesProperty(), "per broker"),
                "Write queues", Controls.field("topicWriteQueues", model.formWriteQueuesProperty(), "per broker"),
                "Permission", permission,
                "Order", Controls.check("topicOrdered", "Ordered topic", model.formOrderedProperty())),
                action("submitTopic", "Create / update", keys("Shortcut+S"), model::submitTopic)));
        form.setCollapsible(false);
        VBox details = new VBox(8, route, queues, form);
        VBox.setVgrow(queues, javafx.scene.layout.Priority.ALWAYS);
        return details;
    }

    private static String describe(TopicRouteInfo route) {
        if (route == null) {
            return "Select a topic to see its route and queues.";
        }
        return route.topic() + (route.ordered() ? " (ordered)" : "") + " on " + route.brokers().stream()
                .map(broker -> broker.brokerName() + " [" + broker.cluster() + "]: " + broker.readQueues() + " read / "
                        + broker.writeQueues() + " write, " + broker.permission() + ", " + broker.addresses().values())
                .collect(Collectors.joining("; "));
    }

    @Override
    public void shown() {
        if (model.rows().isEmpty() && context.session().connectedProperty().get()) {
            model.refresh();
        }
    }

    @Override
    public TableData tableToExport() {
        return Tables.queueOffsets(model.queueOffsets());
    }

    @Override
    public String exportName() {
        String topic = model.selectedProperty().get();
        return topic == null ? "topic-queues" : topic + "-queues";
    }
}
