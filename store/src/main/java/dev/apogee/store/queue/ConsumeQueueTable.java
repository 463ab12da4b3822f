package dev.apogee.store.queue;

import dev.apogee.store.file.SegmentFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every consume queue of a store, under {@code <root>/<topic>/<queueId>/}.
 *
 * <p>Thread-safety: lookups from any thread; creation, truncation, deletion and flushing from the
 * dispatcher thread (the queues' writer).
 */
public final class ConsumeQueueTable {

    /** Topic names as the protocol allows them; nothing else may become a directory name. */
    private static final Pattern TOPIC = Pattern.compile("[%|a-zA-Z0-9_-]{1,255}");

    private final Path root;
    private final int entriesPerFile;
    private final SegmentFactory factory;
    private final Map<String, Map<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();

    public ConsumeQueueTable(Path root, int entriesPerFile, SegmentFactory factory) {
        this.root = root;
        this.entriesPerFile = entriesPerFile;
        this.factory = factory;
    }

    /** Opens every queue found under the root. */
    public void load() throws IOException {
        for (Path file : factory.files(root)) {
            Path relative = root.relativize(file);
            if (relative.getNameCount() != 3) {
                continue;
            }
            String topic = relative.getName(0).toString();
            String queue = relative.getName(1).toString();
            if (!TOPIC.matcher(topic).matches() || !queue.matches("\\d{1,9}")) {
                continue;
            }
            int queueId = Integer.parseInt(queue);
            if (get(topic, queueId) == null) {
                ConsumeQueue loaded = newQueue(topic, queueId);
                loaded.load();
                queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(queueId, loaded);
            }
        }
    }

    private ConsumeQueue newQueue(String topic, int queueId) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic name '" + topic + "' cannot name a consume queue");
        }
        if (queueId < 0) {
            throw new IllegalArgumentException("queue id " + queueId);
        }
        return new ConsumeQueue(topic, queueId, root.resolve(topic).resolve(Integer.toString(queueId)),
                entriesPerFile, factory);
    }

    /** The queue, or null if it does not exist. */
    public ConsumeQueue get(String topic, int queueId) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        return byId == null ? null : byId.get(queueId);
    }

    /** The queue, created (empty) if it does not exist. */
    public ConsumeQueue getOrCreate(String topic, int queueId) throws IOException {
        ConsumeQueue existing = get(topic, queueId);
        if (existing != null) {
            return existing;
        }
        ConsumeQueue created = newQueue(topic, queueId);
        created.load();
        ConsumeQueue raced = queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).putIfAbsent(queueId, created);
        return raced != null ? raced : created;
    }

    public Collection<ConsumeQueue> all() {
        return queues.values().stream().flatMap(byId -> byId.values().stream()).toList();
    }

    /** Queue id to queue, for one topic (empty if none). */
    public Map<Integer, ConsumeQueue> queuesOf(String topic) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        return byId == null ? Map.of() : Collections.unmodifiableMap(byId);
    }

    /** The largest end of a dispatched record over every queue, -1 if none. */
    public long maxLastPhysicalEnd() {
        long max = -1;
        for (ConsumeQueue queue : all()) {
            max = Math.max(max, queue.lastPhysicalEnd());
        }
        return max;
    }

    public void truncateAfterPhysical(long commitLogEnd) throws IOException {
        for (ConsumeQueue queue : all()) {
            queue.truncateAfterPhysical(commitLogEnd);
        }
    }

    public int deleteBeforePhysical(long commitLogMin) throws IOException {
        int deleted = 0;
        for (ConsumeQueue queue : all()) {
            deleted += queue.deleteBeforePhysical(commitLogMin);
        }
        return deleted;
    }

    /** Deletes a topic's queues. */
    public void removeTopic(String topic) throws IOException {
        Map<Integer, ConsumeQueue> removed = queues.remove(topic);
        if (removed != null) {
            for (ConsumeQueue queue : removed.values()) {
                queue.delete();
            }
        }
    }

    public void flush() throws IOException {
        for (ConsumeQueue queue : all()) {
            queue.flush();
        }
    }

    public void close() {
        for (ConsumeQueue queue : all()) {
            queue.close();
        }
    }

    List<String> topics() {
        return List.copyOf(queues.keySet());
    }
}
