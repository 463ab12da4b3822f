package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.BrowseViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Pages through one queue of a topic, forwards and back, or from an offset or a time. Reading never
 * consumes: nothing here moves any group's offset.
 */
public final class BrowseView extends ScreenView {

    private final BrowseViewModel model;
    private final TableView<MessageRecord> table;
    /** Held here: a bidirectional binding to {@code asObject()} lives only as long as its object. */
    private final ObjectProperty<Integer> pageSize;

    public BrowseView(AdminContext context, Navigator navigator) {
        super(Screen.BROWSE, context, navigator);
        this.model = context.browse();
        this.pageSize = model.pageSizeProperty().asObject();

        ComboBox<QueueOffsets> queue = new ComboBox<>(model.queues());
        queue.setId("browseQueue");
        queue.setConverter(new StringConverter<>() {
            @Override
            public String toString(QueueOffsets offsets) {
                return offsets == null ? "" : offsets.queue().label() + "  (offsets " + offsets.minOffset() + " to "
                        + offsets.maxOffset() + ")";
            }

            @Override
            public QueueOffsets fromString(String text) {
                throw new UnsupportedOperationException("chosen from a list");
            }
        });
        queue.valueProperty().bindBidirectional(model.queueProperty());
        // A queue chosen shows its first page at once: choosing one means wanting to see it.
        model.queueProperty().addListener((observable, before, after) -> {
            if (after != null) {
                model.first();
            }
        });
        Spinner<Integer> size = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                BrowseViewModel.MAX_PAGE, model.pageSizeProperty().get()));
        size.setId("browsePageSize");
        size.setEditable(true);
        size.setPrefWidth(90);
        size.getValueFactory().valueProperty().bindBidirectional(pageSize);

        Button first = action("browseFirst", "|< First", keys("Shortcut+HOME"), model::first);
        Button previous = action("browsePrevious", "< Previous", keys("Shortcut+PAGE_UP"), model::previous);
        previous.disableProperty().bind(model.canGoBackProperty().not());
        Button next = action("browseNext", "Next >", keys("Shortcut+PAGE_DOWN"), model::next);
        next.disableProperty().bind(model.canGoForwardProperty().not());
        Button last = action("browseLast", "Last >|", keys("Shortcut+END"), model::last);
        for (Button needsQueue : List.of(first, last)) {
            needsQueue.disableProperty().bind(model.queueProperty().isNull());
        }
        Label page = Controls.label("browsePage", "");
        page.textProperty().bind(Bindings.createStringBinding(this::describePage, model.pageStartProperty(),
                model.messages(), model.queueProperty()));

        table = MessageTables.table("browseTable", "Choose a topic and a queue", navigator, false);
        table.setItems(model.messages());
        Button open = action("openBrowsedMessage", "Open", keys("Shortcut+O"), () -> {
            MessageRecord selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                navigator.openMessage(selected);
            }
        });
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());

        VBox top = new VBox(6, Controls.title("Browse messages"),
                Controls.row(new Label("Topic"), Controls.field("browseTopicName", model.topicProperty(), "Topic"),
                        action("loadQueues", "Load queues", keys("F5"), model::loadQueues),
                        new Label("Queue"), queue, new Label("Page size"), size),
                Controls.row(first, previous, next, last,
                        Controls.field("browseJumpOffset", model.jumpOffsetProperty(), "offset"),
                        action("jumpToOffset", "Go to offset", keys("Shortcut+J"), model::jumpToOffset),
                        Controls.field("browseJumpTime", model.jumpTimeProperty(), "time, e.g. -1h or 2024-05-01 12:00"),
                        action("jumpToTime", "Go to time", keys("Shortcut+Shift+J"), model::jumpToTime)),
                Controls.row(page, Controls.spacer(), open));
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(top, table, new TaskFooter("browse", model));
    }

    private String describePage() {
        QueueOffsets queue = model.queueProperty().get();
        if (queue == null || model.pageStartProperty().get() < 0) {
            return "";
        }
        int shown = model.messages().size();
        String range = shown == 0 ? "no messages from offset " + model.pageStartProperty().get()
                : "offsets " + model.messages().get(0).queueOffset() + " to " + model.messages().get(shown - 1).queueOffset();
        return "Showing " + range + " of " + queue.minOffset() + " to " + Math.max(queue.minOffset(), queue.maxOffset() - 1)
                + " (read only: no offset moves)";
    }

    @Override
    public List<MessageRecord> messagesToExport() {
        return MessageTables.selectedOrAll(table);
    }

    @Override
    public String exportName() {
        String topic = model.topicProperty().get();
        return topic == null || topic.isBlank() ? "browse" : topic.trim();
    }
}
