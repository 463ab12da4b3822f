package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.BodyView;
import dev.apogee.admin.viewmodel.MessageDetailViewModel;
import dev.apogee.admin.viewmodel.PropertyRow;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * One message in full: where it is stored, every property, and the body as text, pretty JSON and hex
 * (cut at 64 KiB until "Load all"); copy, save, re-send, and send a copy to another topic.
 */
public final class MessageDetailView extends ScreenView {

    private final MessageDetailViewModel model;

    public MessageDetailView(AdminContext context, Navigator navigator) {
        super(Screen.DETAIL, context, navigator);
        this.model = context.detail();

        GridPane facts = Controls.form(
                "Topic", fact("detailTopic", MessageRecord::topic),
                "Queue / offset", fact("detailQueue", message -> (message.brokerName() == null ? ""
                        : message.brokerName() + "/") + message.queueId() + " @ " + message.queueOffset()),
                "Message id", fact("detailMessageId", MessageRecord::messageId),
                "Offset id", fact("detailOffsetId", MessageRecord::offsetMessageId),
                "Tags / keys", fact("detailTagsKeys", message -> (message.tags() == null ? "(no tag)" : message.tags())
                        + "  /  " + (message.keys().isEmpty() ? "(no keys)" : String.join(" ", message.keys()))),
                "Born", fact("detailBorn", message -> Controls.time(message.bornTime()) + " at " + message.bornHost()),
                "Stored", fact("detailStored", message -> Controls.time(message.storeTime()) + " at " + message.storeHost()
                        + (message.reconsumeTimes() > 0 ? ", redelivered " + message.reconsumeTimes() + " times" : "")));

        TableView<PropertyRow> properties = Controls.table("propertyTable", "No message shown");
        properties.setItems(model.properties());
        properties.getColumns().setAll(List.of(
                Controls.column("Property", 170, PropertyRow::name),
                Controls.column("Value", 260, PropertyRow::value),
                Controls.column("Kind", 60, row -> row.system() ? "system" : "user")));

        TextArea text = Controls.viewer("bodyText");
        text.setWrapText(true);
        TextArea json = Controls.viewer("bodyJson");
        TextArea hex = Controls.viewer("bodyHex");
        Tab jsonTab = new Tab("JSON", json);
        TabPane body = new TabPane(new Tab("Text", text), jsonTab, new Tab("Hex", hex));
        body.setId("bodyTabs");
        body.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label encoding = Controls.label("bodyEncoding", "");
        Label truncated = Controls.label("bodyTruncated", "");
        truncated.getStyleClass().add("warning");
        Button loadAll = action("loadAllBody", "Load all", keys("Shortcut+L"), model::loadAll);
        model.bodyProperty().addListener((observable, before, view) -> {
            text.setText(view == null ? "" : view.text());
            json.setText(view == null ? "" : view.prettyJson() == null ? "(not JSON)" : view.prettyJson());
            hex.setText(view == null ? "" : view.hex());
            encoding.setText(view == null ? "" : view.encoding() + ", " + view.size() + " bytes");
            truncated.setText(view != null && view.truncated() ? "Truncated: showing the first "
                    + BodyView.DEFAULT_LIMIT / 1024 + " KiB" : "");
            if (view != null && view.prettyJson() != null) {
                body.getSelectionModel().select(jsonTab);
            }
        });
        loadAll.visibleProperty().bind(truncated.textProperty().isNotEmpty());
        loadAll.managedProperty().bind(loadAll.visibleProperty());

        Button copy = action("copyBody", "Copy body", keys("Shortcut+Shift+C"), () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.textToCopy());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = action("saveBody", "Save body...", keys("Shortcut+S"), () -> context.files()
                .saveFile(navigator.window(), "Save message body", "message-body.bin").ifPresent(model::saveBody));
        Button resend = action("resendMessage", "Re-send", keys("Shortcut+R"), model::resend);
        resend.textProperty().bind(Bindings.createStringBinding(() -> model.resendTopic() == null ? "Re-send"
                : "Re-send to " + model.resendTopic(), model.messageProperty()));
        Button sendCopy = action("sendCopy", "Send copy", keys("Shortcut+Shift+ENTER"), model::sendCopy);
        for (Button needsMessage : List.of(copy, save, resend, sendCopy)) {
            needsMessage.disableProperty().bind(model.messageProperty().isNull());
        }
        Label status = Controls.label("detailStatus", "");
        status.textProperty().bind(model.statusProperty());

        VBox left = new VBox(8, facts, properties);
        VBox.setVgrow(properties, javafx.scene.layout.Priority.ALWAYS);
        VBox right = new VBox(6, Controls.row(encoding, truncated, loadAll), body);
        VBox.setVgrow(body, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.45);

        Label empty = Controls.label("detailEmpty", "");
        empty.textProperty().bind(Bindings.when(model.messageProperty().isNull())
                .then("Open a message from Browse, Query or Dead letters").otherwise(""));
        empty.managedProperty().bind(model.messageProperty().isNull());
        VBox top = new VBox(6, Controls.title("Message detail"), empty,
                Controls.row(copy, save, resend, Controls.field("copyToTopic", model.copyTopicProperty(), "another topic"),
                        sendCopy, Controls.spacer(), status));
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(top, split, new TaskFooter("detail", model));
    }

    /** A label showing {@code text} of the message shown (empty when none is). */
    private Label fact(String id, Function<MessageRecord, String> text) {
        Label label = Controls.label(id, "");
        label.textProperty().bind(Bindings.createStringBinding(() -> model.messageProperty().get() == null ? ""
                : text.apply(model.messageProperty().get()), model.messageProperty()));
        return label;
    }

    @Override
    public List<MessageRecord> messagesToExport() {
        MessageRecord shown = model.messageProperty().get();
        return shown == null ? List.of() : List.of(shown);
    }

    @Override
    public String exportName() {
        return "message";
    }
}
