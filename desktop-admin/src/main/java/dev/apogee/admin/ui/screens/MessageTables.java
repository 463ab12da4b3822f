package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import java.util.List;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The message tables of browse, query and dead letters: same columns, several rows selectable, double click opens. */
final class MessageTables {

    private MessageTables() {
    }

    static TableView<MessageRecord> table(String id, String empty, Navigator navigator, boolean withTopic) {
        TableView<MessageRecord> table = Controls.table(id, empty);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        List<TableColumn<MessageRecord, String>> columns = new java.util.ArrayList<>();
        if (withTopic) {
            columns.add(Controls.column("Queue", 110, message -> message.brokerName() == null
                    ? Integer.toString(message.queueId()) : message.brokerName() + "/" + message.queueId()));
        }
        columns.addAll(List.of(
                Controls.column("Offset", 70, message -> Long.toString(message.queueOffset())),
                Controls.column("Store time", 170, message -> Controls.time(message.storeTime())),
                Controls.column("Tags", 90, MessageRecord::tags),
                Controls.column("Keys", 120, message -> String.join(" ", message.keys())),
                Controls.column("Size", 60, message -> Integer.toString(message.size())),
                Controls.column("Message id", 260, MessageRecord::messageId)));
        table.getColumns().setAll(columns);
        table.setOnMouseClicked(event -> {
            MessageRecord selected = table.getSelectionModel().getSelectedItem();
            if (event.getClickCount() == 2 && selected != null) {
                navigator.openMessage(selected);
            }
        });
        return table;
    }

    /** The selected messages, or all shown when none is selected. */
    static List<MessageRecord> selectedOrAll(TableView<MessageRecord> table) {
        List<MessageRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        return selected.isEmpty() ? List.copyOf(table.getItems()) : selected;
    }
}
