package dev.apogee.admin.ui.screens;

import dev.apogee.admin.export.TableData;
import dev.apogee.admin.export.Tables;
import dev.apogee.admin.service.ClientInfo;
import dev.apogee.admin.service.GroupDetail;
import dev.apogee.admin.service.GroupSummary;
import dev.apogee.admin.service.OffsetChange;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.service.ResetTarget;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.ConfirmationDialog;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.ConsumerGroupsViewModel;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * Consumer groups with total lag, TPS and members; the selected group's queues (lag that cannot be
 * known says so) and members; an offset reset that is previewed, then confirmed in a dialog.
 */
public final class ConsumerGroupsView extends ScreenView {

    private final ConsumerGroupsViewModel model;

    public ConsumerGroupsView(AdminContext context, Navigator navigator) {
        super(Screen.GROUPS, context, navigator);
        this.model = context.groups();
        ConfirmationDialog.bind(model.confirmation(), "Reset offsets", navigator, navigator.themes());

        TableView<GroupSummary> groups = Controls.table("groupTable", "No consumer groups (connect, then refresh)");
        groups.setItems(model.groups());
        groups.getColumns().setAll(List.of(
                Controls.column("Group", 200, GroupSummary::group),
                Controls.column("Total lag", 80, group -> Controls.number(group.totalLag())),
                Controls.column("TPS", 60, group -> String.format("%.1f", group.consumeTps())),
                Controls.column("Online", 60, group -> Integer.toString(group.onlineClients())),
                Controls.column("Problem", 160, GroupSummary::problem)));
        groups.getSelectionModel().selectedItemProperty().addListener((observable, before, row) -> {
            if (row != null && !row.group().equals(model.selectedProperty().get())) {
                model.selectedProperty().set(row.group());
            }
        });
        // A refresh fills the list anew; the selected group stays selected.
        model.groups().addListener((ListChangeListener<GroupSummary>) change -> model.groups().stream()
                .filter(group -> group.group().equals(model.selectedProperty().get())).findFirst()
                .ifPresent(group -> groups.getSelectionModel().select(group)));

        TextField filter = Controls.field("groupFilter", model.filterProperty(), "Search groups");
        Button watch = action("watchSelectedGroup", "Watch", keys("Shortcut+W"),
                () -> navigator.watchGroup(model.selectedProperty().get()));
        Button deadLetters = action("groupDeadLetters", "Dead letters", keys("Shortcut+L"),
                () -> navigator.deadLettersOf(model.selectedProperty().get()));
        for (Button needsGroup : List.of(watch, deadLetters)) {
            needsGroup.disableProperty().bind(model.selectedProperty().isNull());
        }
        VBox top = new VBox(6, Controls.title("Consumer groups"), Controls.row(filter,
                Controls.check("showSystemGroups", "System groups", model.showSystemProperty()),
                action("refreshGroups", "Refresh", keys("F5"), model::refresh), watch, deadLetters));
        shortcut(keys("Shortcut+F"), "Search groups", filter::requestFocus);
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);

        SplitPane split = new SplitPane(groups, detail());
        split.setDividerPositions(0.42);
        layout(top, split, new TaskFooter("groups", model));
    }

    private VBox detail() {
        Label summary = Controls.label("groupSummary", "");
        summary.setWrapText(true);
        summary.textProperty().bind(Bindings.createStringBinding(() -> describe(model.detailProperty().get()),
                model.detailProperty()));
        TableView<QueueLagRow> queues = Controls.table("groupQueueTable", "Select a group");
        queues.setItems(model.queues());
        queues.getColumns().setAll(List.of(
                Controls.column("Topic", 120, row -> row.queue().topic()),
                Controls.column("Queue", 90, row -> row.queue().label()),
                Controls.column("Broker offset", 90, row -> Long.toString(row.brokerOffset())),
                Controls.column("Consumer offset", 100, row -> Controls.number(row.consumerOffset())),
                Controls.column("Lag", 60, row -> Controls.number(row.lag())),
                Controls.column("Client", 200, row -> row.assignedClient() == null ? ""
                        : row.assignedClient() + (row.assignmentEstimated() ? " (estimated)" : ""))));
        Label clients = Controls.label("groupClients", "");
        clients.setWrapText(true);
        clients.textProperty().bind(Bindings.createStringBinding(() -> model.clients().isEmpty() ? "No member online"
                : "Online: " + model.clients().stream().map(ClientInfo::clientId).collect(Collectors.joining(", ")),
                model.clients()));

        ChoiceBox<ResetTarget.Kind> kind = new ChoiceBox<>(FXCollections.observableArrayList(ResetTarget.Kind.values()));
        kind.setId("resetKind");
        kind.valueProperty().bindBidirectional(model.resetKindProperty());
        TextField time = Controls.field("resetTime", model.resetTimeProperty(), "-1h, 2024-05-01 12:00, ...");
        time.disableProperty().bind(model.resetKindProperty().isNotEqualTo(ResetTarget.Kind.TIMESTAMP));
        Button preview = action("previewReset", "Preview and reset...", keys("Shortcut+R"), model::previewReset);
        preview.disableProperty().bind(model.selectedProperty().isNull());
        TableView<OffsetChange> changes = Controls.table("resetPreview", "The preview shows what a reset would change");
        changes.setItems(model.preview());
        changes.getColumns().setAll(List.of(
                Controls.column("Queue", 140, change -> change.queue().topic() + " " + change.queue().label()),
                Controls.column("Current", 80, change -> Controls.number(change.currentOffset())),
                Controls.column("New", 80, change -> Long.toString(change.newOffset())),
                Controls.column("Consumed again", 110, change -> Controls.number(change.delta()))));
        changes.setPrefHeight(120);
        Label lastReset = Controls.label("lastReset", "");
        lastReset.textProperty().bind(Bindings.createStringBinding(() -> model.lastReset().isEmpty() ? ""
                : "Last reset moved " + model.lastReset().size() + (model.lastReset().size() == 1 ? " queue" : " queues")
                + ": " + model.lastReset().stream().map(change -> change.queue().label() + " " + Controls.number(
                        change.currentOffset()) + " \u2192 " + change.newOffset()).collect(Collectors.joining(", ")),
                model.lastReset()));
        TitledPane reset = new TitledPane("Reset offsets", new VBox(6,
                Controls.row(new Label("Topic"), Controls.field("resetTopic", model.resetTopicProperty(), "topic"),
                        new Label("to"), kind, time, preview), changes, lastReset));
        reset.setCollapsible(false);

        VBox detail = new VBox(8, summary, queues, clients, reset);
        VBox.setVgrow(queues, javafx.scene.layout.Priority.ALWAYS);
        return detail;
    }

    private static String describe(GroupDetail detail) {
        if (detail == null) {
            return "Select a group to see its queues and members.";
        }
        return detail.group() + ": total lag " + Controls.number(detail.totalLag())
                + (detail.messageModel() == null ? ", offline" : ", " + detail.messageModel() + " " + detail.consumeType())
                + (detail.subscriptions().isEmpty() ? "" : ", subscribed to " + detail.subscriptions())
                + (detail.unreachableBrokers().isEmpty() ? "" : "; no answer from " + detail.unreachableBrokers());
    }

    @Override
    public void shown() {
        if (model.groups().isEmpty() && context.session().connectedProperty().get()) {
            model.refresh();
        }
    }

    @Override
    public TableData tableToExport() {
        return model.selectedProperty().get() == null ? Tables.groups(model.groups()) : Tables.groupQueues(model.queues());
    }

    @Override
    public String exportName() {
        String group = model.selectedProperty().get();
        return group == null ? "consumer-groups" : group + "-queues";
    }
}
