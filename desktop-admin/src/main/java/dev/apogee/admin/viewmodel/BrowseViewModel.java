package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Topics;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The browse screen: pick a topic and one of its queues, then page through the queue's offsets
 * forwards and back, or jump to an offset or a time. Reading never consumes or commits: the service
 * pulls as the tools' group without the commit flag.
 *
 * <p>A page is the offset range {@code [pageStart, pageStart + pageSize)}; it may hold fewer messages
 * when the queue ends sooner.
 */
public final class BrowseViewModel extends ScreenViewModel {

    /** Largest page (what one browse request may return). */
    public static final int MAX_PAGE = 1024;

    private final TimeInput times;
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final ObservableList<QueueOffsets> queues = FXCollections.observableArrayList();
    private final ObservableList<QueueOffsets> queuesView = FXCollections.unmodifiableObservableList(queues);
    private final ObjectProperty<QueueOffsets> queue = new SimpleObjectProperty<>(this, "queue");
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", 32);
    private final ReadOnlyLongWrapper pageStart = new ReadOnlyLongWrapper(this, "pageStart", -1);
    private final ObservableList<MessageRecord> messages = FXCollections.observableArrayList();
    private final ObservableList<MessageRecord> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(this, "canGoForward");
    private final StringProperty jumpTime = new SimpleStringProperty(this, "jumpTime", "");
    private final StringProperty jumpOffset = new SimpleStringProperty(this, "jumpOffset", "");

    public BrowseViewModel(Session session) {
        super(session);
        this.times = new TimeInput(session.clock());
        queue.addListener((observable, before, after) -> {
            messages.clear();
            pageStart.set(-1);
            updateNavigation();
        });
        // A new page size applies to the page shown, from its first offset, as a pager's reader expects.
        pageSize.addListener((observable, before, after) -> {
            if (queue.get() != null && pageStart.get() >= 0 && before.intValue() != after.intValue()) {
                load(pageStart.get());
            }
        });
    }

    public StringProperty topicProperty() {
        return topic;
    }

    /** The chosen topic's queues with their offset ranges. */
    public ObservableList<QueueOffsets> queues() {
        return queuesView;
    }

    /** The queue to browse. */
    public ObjectProperty<QueueOffsets> queueProperty() {
        return queue;
    }

    /** Offsets per page (1..1024). */
    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** The first offset of the page shown; -1 before the first page. */
    public ReadOnlyLongProperty pageStartProperty() {
        return pageStart.getReadOnlyProperty();
    }

    /** The page's messages, by offset. */
    public ObservableList<MessageRecord> messages() {
        return messagesView;
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    /** The time to jump to (see {@link TimeInput}). */
    public StringProperty jumpTimeProperty() {
        return jumpTime;
    }

    /** The offset to jump to. */
    public StringProperty jumpOffsetProperty() {
        return jumpOffset;
    }

    /** Loads the topic's queues and selects the first. */
    public boolean loadQueues() {
        String name = topic.get() == null ? "" : topic.get().trim();
        try {
            Topics.checkName(name);
        } catch (InvalidMessageException e) {
            return invalid("Topic: " + e.getMessage());
        }
        valid();
        return run("Load queues of " + name, (service, progress) -> service.queueOffsets(name), loaded -> {
            queues.setAll(loaded);
            queue.set(loaded.isEmpty() ? null : loaded.get(0));
        });
    }

    /** The first page: from the oldest offset kept. */
    public boolean first() {
        QueueOffsets current = queueOrComplain();
        return current != null && load(current.minOffset());
    }

    /** The last page: the newest {@code pageSize} offsets. */
    public boolean last() {
        QueueOffsets current = queueOrComplain();
        return current != null && load(Math.max(current.minOffset(), current.maxOffset() - size()));
    }

    /** The page after the one shown. */
    public boolean next() {
        QueueOffsets current = queueOrComplain();
        if (current == null) {
            return false;
        }
        if (!canGoForward.get()) {
            return invalid("This is the last page");
        }
        return load(pageStart.get() + size());
    }

    /** The page before the one shown. */
    public boolean previous() {
        QueueOffsets current = queueOrComplain();
        if (current == null) {
            return false;
        }
        if (!canGoBack.get()) {
            return invalid("This is the first page");
        }
        return load(Math.max(current.minOffset(), pageStart.get() - size()));
    }

    /** The page starting at the first message stored at or after {@link #jumpTimeProperty()}. */
    public boolean jumpToTime() {
        QueueOffsets current = queueOrComplain();
        if (current == null) {
            return false;
        }
        Instant time;
        try {
            time = times.parse(jumpTime.get());
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        valid();
        return run("Find offset at " + times.format(time), (service, progress) -> {
            long offset = service.offsetAt(current.queue(), time);
            return new Page(clamp(current, offset), readPage(service, current, clamp(current, offset)));
        }, this::show);
    }

    /** The page starting at {@link #jumpOffsetProperty()}. */
    public boolean jumpToOffset() {
        QueueOffsets current = queueOrComplain();
        if (current == null) {
            return false;
        }
        long offset;
        try {
            offset = Long.parseLong(jumpOffset.get() == null ? "" : jumpOffset.get().trim());
        } catch (NumberFormatException e) {
            return invalid("The offset must be a whole number");
        }
        if (offset < current.minOffset() || offset >= Math.max(current.maxOffset(), current.minOffset() + 1)) {
            return invalid("Offset " + offset + " is outside the queue's range " + current.minOffset() + " to "
                    + Math.max(current.minOffset(), current.maxOffset() - 1));
        }
        return load(offset);
    }

    private QueueOffsets queueOrComplain() {
        QueueOffsets current = queue.get();
        if (current == null) {
            invalid("Choose a topic and a queue first");
        }
        return current;
    }

    private int size() {
        return Math.max(1, Math.min(MAX_PAGE, pageSize.get()));
    }

    private static long clamp(QueueOffsets queue, long offset) {
        return Math.max(queue.minOffset(), Math.min(offset, Math.max(queue.minOffset(), queue.maxOffset() - 1)));
    }

    private boolean load(long start) {
        QueueOffsets current = queue.get();
        valid();
        return run("Browse " + current.queue().topic() + " " + current.queue().label() + " from " + start,
                (service, progress) -> new Page(start, readPage(service, current, start)), this::show);
    }

    private List<MessageRecord> readPage(dev.apogee.admin.service.AdminService service, QueueOffsets current,
                                         long start) {
        long end = start + size();
        return start >= current.maxOffset() ? List.of() : service.browse(current.queue(), start, end);
    }

    private void show(Page page) {
        pageStart.set(page.start());
        messages.setAll(page.messages());
        updateNavigation();
    }

    private void updateNavigation() {
        QueueOffsets current = queue.get();
        long start = pageStart.get();
        canGoBack.set(current != null && start > current.minOffset());
        canGoForward.set(current != null && start >= 0 && start + size() < current.maxOffset());
    }

    private record Page(long start, List<MessageRecord> messages) {
    }
}
