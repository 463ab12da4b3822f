package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.OutgoingMessage;
import dev.apogee.admin.service.SendReceipt;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.SystemProperties;
import dev.apogee.client.message.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The producer screen: send a test message with topic, tags, keys, user properties ({@code name=value}
 * a line) and a body typed in or read from a file. Every field is checked before anything is sent.
 */
public final class ProducerViewModel extends ScreenViewModel {

    /** The largest body sent (RocketMQ brokers' default limit is 4 MiB). */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
    private final StringProperty keys = new SimpleStringProperty(this, "keys", "");
    private final StringProperty properties = new SimpleStringProperty(this, "properties", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final StringProperty bodyFile = new SimpleStringProperty(this, "bodyFile", "");
    private final ReadOnlyObjectWrapper<SendReceipt> lastReceipt = new ReadOnlyObjectWrapper<>(this, "lastReceipt");
    private final ObservableList<SendReceipt> sent = FXCollections.observableArrayList();
    private final ObservableList<SendReceipt> sentView = FXCollections.unmodifiableObservableList(sent);

    public ProducerViewModel(Session session) {
        super(session);
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    /** Keys separated by spaces or commas. */
    public StringProperty keysProperty() {
        return keys;
    }

    /** User properties, {@code name=value} one a line. */
    public StringProperty propertiesProperty() {
        return properties;
    }

    /** The body as text (UTF-8), used when no file is given. */
    public StringProperty bodyProperty() {
        return body;
    }

    /** A file whose bytes are the body; empty to use the text. */
    public StringProperty bodyFileProperty() {
        return bodyFile;
    }

    /** The broker's answer to the last send. */
    public ReadOnlyObjectProperty<SendReceipt> lastReceiptProperty() {
        return lastReceipt.getReadOnlyProperty();
    }

    /** Every send of this session, newest last. */
    public ObservableList<SendReceipt> sent() {
        return sentView;
    }

    /** Checks the form and sends the message. */
    public boolean send() {
        String topicName = topic.get() == null ? "" : topic.get().trim();
        try {
            Topics.checkSendable(topicName);
        } catch (InvalidMessageException e) {
            return invalid("Topic: " + e.getMessage());
        }
        String tag = tags.get() == null ? "" : tags.get().trim();
        if (tag.contains("||")) {
            return invalid("A message has one tag; '||' separates tags in subscriptions only");
        }
        List<String> keyList = new ArrayList<>();
        for (String key : (keys.get() == null ? "" : keys.get()).trim().split("[,\\s]+")) {
            if (!key.isEmpty()) {
                keyList.add(key);
            }
        }
        Map<String, String> userProperties = new LinkedHashMap<>();
        String[] lines = (properties.get() == null ? "" : properties.get()).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                return invalid("Property line " + (i + 1) + " is not name=value: " + line);
            }
            String name = line.substring(0, equals).trim();
            String value = line.substring(equals + 1).trim();
            if (value.isEmpty()) {
                return invalid("Property " + name + " has no value");
            }
            if (SystemProperties.isReserved(name)) {
                return invalid("The property name " + name + " is reserved by RocketMQ; choose another");
            }
            userProperties.put(name, value);
        }
        String file = bodyFile.get() == null ? "" : bodyFile.get().trim();
        String text = body.get() == null ? "" : body.get();
        if (file.isEmpty() && text.isEmpty()) {
            return invalid("Type a body or choose a file");
        }
        if (!file.isEmpty()) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                return invalid("The body file " + file + " cannot be read");
            }
        } else if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY) {
            return invalid("The body is larger than " + MAX_BODY / 1024 + " KiB");
        }
        if (serviceOrComplain() == null) {
            return false;
        }
        valid();
        return run("Send to " + topicName, (service, progress) -> {
            byte[] bytes = file.isEmpty() ? text.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(Path.of(file));
            if (bytes.length == 0) {
                throw new IllegalArgumentException("the body file " + file + " is empty");
            }
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("the body file " + file + " is larger than " + MAX_BODY / 1024 + " KiB");
            }
            return service.send(new OutgoingMessage(topicName, tag.isEmpty() ? null : tag, keyList, userProperties, bytes));
        }, receipt -> {
            lastReceipt.set(receipt);
            sent.add(receipt);
        });
    }
}
