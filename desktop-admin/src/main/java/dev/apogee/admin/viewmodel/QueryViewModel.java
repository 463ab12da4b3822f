package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.IdKind;
import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.store.QueryHistoryEntry;
import dev.apogee.admin.store.QueryKind;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Topics;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The query screen: messages of a topic by key within a time range, by message id (offset id or
 * unique id, told apart by the service), or by time range; each query run is kept in the connection's
 * history, newest first, and can be run again. A selected result is what the detail view shows.
 */
public final class QueryViewModel extends ScreenViewModel {

    /** Most results one query returns. */
    public static final int MAX_RESULTS = 1000;

    private final TimeInput times;
    private final ObjectProperty<QueryKind> kind = new SimpleObjectProperty<>(this, "kind", QueryKind.KEY);
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty begin = new SimpleStringProperty(this, "begin", "-1d");
    private final StringProperty end = new SimpleStringProperty(this, "end", "now");
    private final IntegerProperty maxResults = new SimpleIntegerProperty(this, "maxResults", 64);
    private final ObservableList<MessageRecord> results = FXCollections.observableArrayList();
    private final ObservableList<MessageRecord> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ReadOnlyObjectWrapper<IdKind> detectedIdKind = new ReadOnlyObjectWrapper<>(this, "detectedIdKind");
    private final ObservableList<QueryHistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<QueryHistoryEntry> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObjectProperty<MessageRecord> selected = new SimpleObjectProperty<>(this, "selected");

    public QueryViewModel(Session session) {
        super(session);
        this.times = new TimeInput(session.clock());
        session.liveConnectionProperty().addListener((observable, before, after) -> {
            results.clear();
            loadHistory();
        });
        loadHistory();
    }

    /** What to query by. */
    public ObjectProperty<QueryKind> kindProperty() {
        return kind;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    /** The key or the message id (unused for a time range query). */
    public StringProperty textProperty() {
        return text;
    }

    /** Start of the time range (see {@link TimeInput}). */
    public StringProperty beginProperty() {
        return begin;
    }

    /** End of the time range. */
    public StringProperty endProperty() {
        return end;
    }

    /** Most results to show (1..{@value #MAX_RESULTS}). */
    public IntegerProperty maxResultsProperty() {
        return maxResults;
    }

    /** The messages found, oldest first. */
    public ObservableList<MessageRecord> results() {
        return resultsView;
    }

    /** What the last id query's id turned out to be. */
    public ReadOnlyObjectProperty<IdKind> detectedIdKindProperty() {
        return detectedIdKind.getReadOnlyProperty();
    }

    /** The live connection's recent queries, newest first. */
    public ObservableList<QueryHistoryEntry> history() {
        return historyView;
    }

    /** The result chosen to open in the detail view. */
    public ObjectProperty<MessageRecord> selectedProperty() {
        return selected;
    }

    private void loadHistory() {
        long connectionId = session.liveConnectionId();
        history.setAll(connectionId == 0 ? List.of() : session.store().history().recent(connectionId));
    }

    /** Runs the query the form describes. */
    public boolean search() {
        String topicName = topic.get() == null ? "" : topic.get().trim();
        try {
            Topics.checkName(topicName);
        } catch (InvalidMessageException e) {
            return invalid("Topic: " + e.getMessage());
        }
        String value = text.get() == null ? "" : text.get().trim();
        QueryKind queryKind = kind.get();
        if (queryKind != QueryKind.TIME_RANGE && value.isEmpty()) {
            return invalid(queryKind == QueryKind.KEY ? "Enter the key to look for" : "Enter the message id");
        }
        if (queryKind == QueryKind.MESSAGE_ID && !value.matches("[0-9A-Fa-f]{16,64}")) {
            return invalid("A message id is 16 to 64 hexadecimal digits");
        }
        Instant from = null;
        Instant to = null;
        if (queryKind != QueryKind.MESSAGE_ID) {
            try {
                from = times.parse(begin.get());
                to = times.parse(end.get());
            } catch (IllegalArgumentException e) {
                return invalid(e.getMessage());
            }
            if (!from.isBefore(to)) {
                return invalid("The start of the time range must be before its end");
            }
        }
        int max = maxResults.get();
        if (max < 1 || max > MAX_RESULTS) {
            return invalid("Show between 1 and " + MAX_RESULTS + " results");
        }
        if (serviceOrComplain() == null) {
            return false;
        }
        valid();
        Instant rangeStart = from;
        Instant rangeEnd = to;
        long connectionId = session.liveConnectionId();
        return run("Query " + topicName, (service, progress) -> switch (queryKind) {
            case KEY -> new Found(service.queryByKey(topicName, value, rangeStart, rangeEnd, max), null);
            case MESSAGE_ID -> {
                var result = service.queryById(topicName, value);
                yield new Found(result.messages(), result.kind());
            }
            case TIME_RANGE -> new Found(service.queryByTime(topicName, rangeStart, rangeEnd, max), null);
        }, found -> {
            results.setAll(found.messages());
            detectedIdKind.set(found.idKind());
            if (connectionId != 0) {
                session.store().history().add(connectionId, queryKind, topicName, value, rangeStart, rangeEnd);
                loadHistory();
            }
        });
    }

    private record Found(List<MessageRecord> messages, IdKind idKind) {
    }

    /** Fills the form with {@code entry} and runs it again. */
    public boolean rerun(QueryHistoryEntry entry) {
        kind.set(entry.kind());
        topic.set(entry.topic());
        text.set(entry.text());
        if (entry.begin() != null) {
            begin.set(times.format(entry.begin()));
        }
        if (entry.end() != null) {
            end.set(times.format(entry.end()));
        }
        return search();
    }

    /** Forgets the live connection's history. */
    public void clearHistory() {
        long connectionId = session.liveConnectionId();
        if (connectionId != 0) {
            session.store().history().clear(connectionId);
        }
        loadHistory();
    }
}
