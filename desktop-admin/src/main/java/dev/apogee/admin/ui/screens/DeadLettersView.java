package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.DeadLettersViewModel;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** A group's dead letters, and re-sending the selected ones to the topic each was first sent to. */
public final class DeadLettersView extends ScreenView {

    private final TableView<MessageRecord> table;

    public DeadLettersView(AdminContext context, Navigator navigator) {
        super(Screen.DLQ, context, navigator);
        DeadLettersViewModel model = context.deadLetters();

        table = MessageTables.table("dlqTable", "Enter a consumer group and load its dead letters", navigator, true);
        table.getColumns().add(2, Controls.column("Original topic", 130, MessageRecord::originalTopic));
        table.setItems(model.messages());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<MessageRecord>) change ->
                model.selection().setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Button resend = action("resendDeadLetters", "Re-send selected", keys("Shortcut+R"), model::resendSelected);
        resend.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button open = action("openDeadLetter", "Open", keys("Shortcut+O"), () -> {
            MessageRecord selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                navigator.openMessage(selected);
            }
        });
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        ListView<String> outcomes = new ListView<>(model.outcomes());
        outcomes.setId("dlqOutcomes");
        outcomes.setPlaceholder(new Label("What a re-send did shows here"));

        VBox messages = new VBox(6, table, Controls.row(resend, open));
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(messages, outcomes);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        VBox top = new VBox(6, Controls.title("Dead letters"), Controls.row(new Label("Consumer group"),
                Controls.field("dlqGroup", model.groupProperty(), "group"),
                action("loadDeadLetters", "Load", keys("F5"), model::load)));
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(top, split, new TaskFooter("dlq", model));
    }

    @Override
    public List<MessageRecord> messagesToExport() {
        return MessageTables.selectedOrAll(table);
    }

    @Override
    public String exportName() {
        return "dead-letters";
    }
}
