package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.SendReceipt;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.ProducerViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Sends a test message: topic, tag, keys, properties, and a body typed in or read from a file. */
public final class ProducerView extends ScreenView {

    public ProducerView(AdminContext context, Navigator navigator) {
        super(Screen.PRODUCER, context, navigator);
        ProducerViewModel model = context.producer();

        TextArea properties = Controls.area("producerProperties", model.propertiesProperty(), "name=value, one a line", 3);
        TextArea body = Controls.area("producerBody", model.bodyProperty(), "The body (UTF-8), or choose a file", 8);
        TextField file = Controls.field("producerBodyFile", model.bodyFileProperty(), "a file to send instead");
        HBox.setHgrow(file, Priority.ALWAYS);
        body.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.bodyFileProperty().get().isBlank(),
                model.bodyFileProperty()));
        VBox form = new VBox(8, Controls.form(
                "Topic", Controls.field("producerTopic", model.topicProperty(), "Topic"),
                "Tag", Controls.field("producerTags", model.tagsProperty(), "optional, one tag"),
                "Keys", Controls.field("producerKeys", model.keysProperty(), "optional, separated by spaces"),
                "Properties", properties,
                "Body", body,
                "Body file", Controls.row(file,
                        action("chooseBodyFile", "Choose...", keys("Shortcut+Shift+O"),
                                () -> context.files().openFile(navigator.window(), "Message body")
                                        .ifPresent(path -> model.bodyFileProperty().set(path.toString()))),
                        action("clearBodyFile", "Clear", null, () -> model.bodyFileProperty().set("")))),
                Controls.row(action("sendMessage", "Send", keys("Shortcut+ENTER"), model::send)));

        Label receipt = Controls.label("lastReceipt", "");
        receipt.setWrapText(true);
        receipt.textProperty().bind(Bindings.createStringBinding(() -> describe(model.lastReceiptProperty().get()),
                model.lastReceiptProperty()));
        TableView<SendReceipt> sent = Controls.table("sentTable", "Nothing sent yet");
        sent.setItems(model.sent());
        sent.getColumns().setAll(List.of(
                Controls.column("Status", 90, SendReceipt::status),
                Controls.column("Queue", 110, sent1 -> sent1.queue().topic() + " " + sent1.queue().label()),
                Controls.column("Offset", 60, sent1 -> Long.toString(sent1.queueOffset())),
                Controls.column("Message id", 260, SendReceipt::messageId),
                Controls.column("Offset id", 260, SendReceipt::offsetMessageId)));
        VBox results = new VBox(6, new Label("Sent in this session"), receipt, sent);
        VBox.setVgrow(sent, Priority.ALWAYS);
        SplitPane split = new SplitPane(form, results);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(Controls.title("Producer"), split, new TaskFooter("producer", model));
    }

    private static String describe(SendReceipt receipt) {
        return receipt == null ? "" : receipt.status() + ": stored in " + receipt.queue().topic() + " "
                + receipt.queue().label() + " at offset " + receipt.queueOffset() + ", message id " + receipt.messageId();
    }
}
