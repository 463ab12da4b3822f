package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.SendReceipt;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dead-letter screen: a group's messages in {@code %DLQ%<group>}, newest first, and re-sending the
 * selected ones to the topic each was first sent to. A message whose original topic is not recorded is
 * not re-sent, and the outcome says so.
 */
public final class DeadLettersViewModel extends ScreenViewModel {

    /** Most dead letters loaded. */
    public static final int MAX_MESSAGES = 500;

    private final StringProperty group = new SimpleStringProperty(this, "group", "");
    private final ObservableList<MessageRecord> messages = FXCollections.observableArrayList();
    private final ObservableList<MessageRecord> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ObservableList<MessageRecord> selection = FXCollections.observableArrayList();
    private final ObservableList<String> outcomes = FXCollections.observableArrayList();
    private final ObservableList<String> outcomesView = FXCollections.unmodifiableObservableList(outcomes);

    public DeadLettersViewModel(Session session) {
        super(session);
    }

    public StringProperty groupProperty() {
        return group;
    }

    /** The group's dead letters, newest first. */
    public ObservableList<MessageRecord> messages() {
        return messagesView;
    }

    /** The messages selected for re-sending; the view keeps it in step with its table's selection. */
    public ObservableList<MessageRecord> selection() {
        return selection;
    }

    /** One line per message of the last re-send: where it went, or why not. */
    public ObservableList<String> outcomes() {
        return outcomesView;
    }

    /** Loads the group's dead letters. */
    public boolean load() {
        String name = group.get() == null ? "" : group.get().trim();
        if (name.isEmpty()) {
            return invalid("Enter the consumer group");
        }
        if (!name.matches("[%|a-zA-Z0-9_-]{1,255}")) {
            return invalid("'" + name + "' is not a consumer group name");
        }
        valid();
        return run("Load dead letters of " + name, (service, progress) -> service.deadLetters(name, MAX_MESSAGES),
                loaded -> {
                    messages.setAll(loaded);
                    selection.clear();
                });
    }

    /** Re-sends every selected message to its original topic. */
    public boolean resendSelected() {
        if (selection.isEmpty()) {
            return invalid("Select the messages to re-send");
        }
        valid();
        List<MessageRecord> chosen = List.copyOf(selection);
        return run("Re-send " + chosen.size() + " dead letters", (service, progress) -> {
            List<String> lines = new ArrayList<>();
            int done = 0;
            for (MessageRecord message : chosen) {
                if (progress.cancelled()) {
                    lines.add("Cancelled; " + (chosen.size() - done) + " not re-sent");
                    break;
                }
                String topic = message.originalTopic();
                if (topic == null) {
                    lines.add(message.messageId() + ": not re-sent, its original topic is not recorded");
                } else {
                    try {
                        SendReceipt receipt = service.resend(message, topic);
                        lines.add(message.messageId() + ": re-sent to " + topic + " as " + receipt.messageId());
                    } catch (RuntimeException e) {
                        // One failure must not hide what happened to the others.
                        lines.add(message.messageId() + ": failed, " + dev.apogee.admin.task.ErrorReport.describe(e));
                    }
                }
                done++;
                progress.update((double) done / chosen.size(), done + " of " + chosen.size());
            }
            return lines;
        }, outcomes::setAll);
    }
}
