package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.SendReceipt;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The message detail view: every system and user property, the body as text with its encoding, as
 * pretty JSON and as hex (cut at {@value BodyView#DEFAULT_LIMIT} bytes until "load all"), copy and
 * save, re-send to its topic (the original one for retried and dead-lettered messages) and send a copy
 * to another topic.
 */
public final class MessageDetailViewModel extends ScreenViewModel {

    private final ReadOnlyObjectWrapper<MessageRecord> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ObservableList<PropertyRow> properties = FXCollections.observableArrayList();
    private final ObservableList<PropertyRow> propertiesView = FXCollections.unmodifiableObservableList(properties);
    private final ReadOnlyObjectWrapper<BodyView> body = new ReadOnlyObjectWrapper<>(this, "body");
    private final StringProperty copyTopic = new SimpleStringProperty(this, "copyTopic", "");
    private final ReadOnlyObjectWrapper<SendReceipt> lastSend = new ReadOnlyObjectWrapper<>(this, "lastSend");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public MessageDetailViewModel(Session session) {
        super(session);
    }

    /** Shows {@code record} (null clears the view). */
    public void show(MessageRecord record) {
        message.set(record);
        properties.clear();
        status.set("");
        lastSend.set(null);
        valid();
        if (record == null) {
            body.set(null);
            return;
        }
        List<PropertyRow> rows = new ArrayList<>();
        record.systemProperties().forEach((name, value) -> rows.add(new PropertyRow(name, value, true)));
        record.userProperties().forEach((name, value) -> rows.add(new PropertyRow(name, value, false)));
        properties.setAll(rows);
        body.set(BodyView.of(record.body(), BodyView.DEFAULT_LIMIT));
    }

    public ReadOnlyObjectProperty<MessageRecord> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** System properties first, each group by name. */
    public ObservableList<PropertyRow> properties() {
        return propertiesView;
    }

    /** The body as text, JSON and hex. */
    public ReadOnlyObjectProperty<BodyView> bodyProperty() {
        return body.getReadOnlyProperty();
    }

    /** The topic to send a copy to. */
    public StringProperty copyTopicProperty() {
        return copyTopic;
    }

    /** The broker's answer to the last re-send or copy. */
    public ReadOnlyObjectProperty<SendReceipt> lastSendProperty() {
        return lastSend.getReadOnlyProperty();
    }

    /** What the last action did ("Saved 120 bytes to ..."). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Shows the whole body, however large. */
    public void loadAll() {
        MessageRecord record = message.get();
        if (record != null) {
            body.set(BodyView.of(record.body(), Integer.MAX_VALUE));
        }
    }

    /** The text to put on the clipboard: the pretty JSON if there is one, else the body text (all of it). */
    public String textToCopy() {
        MessageRecord record = message.get();
        if (record == null) {
            return "";
        }
        BodyView whole = BodyView.of(record.body(), Integer.MAX_VALUE);
        return whole.prettyJson() != null ? whole.prettyJson() : whole.text();
    }

    /** Writes the body's bytes, exactly as stored (decompressed), to {@code file}. */
    public boolean saveBody(Path file) {
        MessageRecord record = message.get();
        if (record == null) {
            return invalid("No message is shown");
        }
        if (file == null) {
            return invalid("Choose a file to save to");
        }
        valid();
        return submit("Save message body", progress -> Files.write(file, record.body()),
                written -> status.set("Saved " + record.size() + " bytes to " + written), null);
    }

    /**
     * The topic "re-send" goes to: the original topic of a retried or dead-lettered message, else the
     * one it is stored in.
     */
    public String resendTopic() {
        MessageRecord record = message.get();
        if (record == null) {
            return null;
        }
        boolean redelivery = record.topic().startsWith(Topics.RETRY_PREFIX) || record.topic().startsWith(Topics.DLQ_PREFIX);
        return redelivery ? record.originalTopic() : record.topic();
    }

    /** Sends the message again to {@link #resendTopic()}. */
    public boolean resend() {
        String topic = resendTopic();
        if (message.get() == null) {
            return invalid("No message is shown");
        }
        if (topic == null) {
            return invalid("The original topic of this message is not recorded in its properties");
        }
        return sendTo(topic);
    }

    /** Sends a copy (body, tags, keys, user properties) to {@link #copyTopicProperty()}. */
    public boolean sendCopy() {
        if (message.get() == null) {
            return invalid("No message is shown");
        }
        String topic = copyTopic.get() == null ? "" : copyTopic.get().trim();
        try {
            Topics.checkSendable(topic);
        } catch (InvalidMessageException e) {
            return invalid("Copy to topic: " + e.getMessage());
        }
        return sendTo(topic);
    }

    private boolean sendTo(String topic) {
        MessageRecord record = message.get();
        valid();
        return run("Send to " + topic, (service, progress) -> service.resend(record, topic), receipt -> {
            lastSend.set(receipt);
            status.set("Sent to " + topic + " as " + receipt.messageId());
        });
    }
}
