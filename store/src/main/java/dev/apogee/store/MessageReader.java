package dev.apogee.store;

import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.index.KeyIndex;
import dev.apogee.store.queue.ConsumeQueue;
import dev.apogee.store.queue.ConsumeQueueTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the store: messages by queue offset (through a consume queue) and by key
 * (through the key index), always handed out as read-only views of the commit log.
 *
 * <p>Thread-safety: stateless; any thread.
 */
final class MessageReader {

    /** Entries a filtered read scans at most before it answers, so one read cannot run for long. */
    private static final int MAX_SCANNED_ENTRIES = 16_000;

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final KeyIndex index;

    MessageReader(CommitLog commitLog, ConsumeQueueTable queues, KeyIndex index) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
    }

    /**
     * Reads up to {@code maxMessages} messages (and about {@code maxBytes}) from a queue, starting at
     * {@code offset}, that match {@code filter}.
     */
    GetResult get(String topic, int queueId, long offset, int maxMessages, int maxBytes, MessageFilter filter) {
        ConsumeQueue queue = queues.get(topic, queueId);
        if (queue == null) {
            return GetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = queue.minOffset();
        long max = queue.maxOffset();
        if (max == 0 || max == min && offset <= min) {
            return GetResult.empty(offset == max ? GetStatus.NO_MESSAGE_IN_QUEUE : GetStatus.OFFSET_TOO_SMALL,
                    max, min, max);
        }
        if (offset < min) {
            return GetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return GetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return GetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        return scan(queue, offset, Math.max(1, maxMessages), Math.max(1, maxBytes), filter, min, max);
    }

    private GetResult scan(ConsumeQueue queue, long offset, int maxMessages, int maxBytes, MessageFilter filter,
                           long min, long max) {
        List<ByteBuffer> found = new ArrayList<>(Math.min(maxMessages, 64));
        int bytes = 0;
        int scanned = 0;
        boolean removed = false;
        long next = offset;
        scanning:
        while (next < max && scanned < MAX_SCANNED_ENTRIES) {
            ByteBuffer entries = queue.entries(next, Math.min(MAX_SCANNED_ENTRIES - scanned, 1024));
            if (!entries.hasRemaining()) {
                break;
            }
            while (entries.remaining() >= ConsumeQueue.ENTRY_SIZE) {
                long physicalOffset = entries.getLong();
                int size = entries.getInt();
                long tagsCode = entries.getLong();
                if (found.size() >= maxMessages || (!found.isEmpty() && bytes + size > maxBytes)) {
                    break scanning;
                }
                next++;
                scanned++;
                if (!filter.matchesTagsCode(tagsCode)) {
                    continue;
                }
                ByteBuffer record = commitLog.read(physicalOffset, size);
                if (record == null) {
                    removed = true;
                    continue;
                }
                if (filter.matchesRecord(record)) {
                    found.add(record);
                    bytes += size;
                }
            }
        }
        GetStatus status;
        if (!found.isEmpty()) {
            status = GetStatus.FOUND;
        } else if (removed) {
            status = GetStatus.MESSAGE_WAS_REMOVING;
        } else if (next > offset) {
            status = GetStatus.NO_MATCHED_MESSAGE;
        } else {
            status = GetStatus.OFFSET_FOUND_NULL;
        }
        return new GetResult(status, found, next, min, max, bytes);
    }

    /**
     * Messages of {@code topic} whose KEYS contain {@code key} (or whose UNIQ_KEY is {@code key}),
     * stored within {@code [beginTimestamp, endTimestamp]}, newest first, at most {@code maxResults}.
     */
    List<ByteBuffer> queryByKey(String topic, String key, int maxResults, long beginTimestamp,
                                       long endTimestamp) {
        List<Long> candidates = index.query(topic, key, Math.max(maxResults, 1) * 4, beginTimestamp, endTimestamp);
        List<ByteBuffer> matches = new ArrayList<>();
        for (long offset : candidates) {
            if (matches.size() >= maxResults) {
                break;
            }
            ByteBuffer record = commitLog.readRecord(offset);
            if (record == null) {
                continue;
            }
            StoredMessage message;
            try {
                message = MessageRecordCodec.decode(record.duplicate(), false);
            } catch (RuntimeException e) {
                // An index entry that does not point at a record start (its file outlived a crash): skip it.
                continue;
            }
            // The index keeps store times at one-second resolution; the record has the exact time.
            boolean inRange = message.storeTimestamp() >= beginTimestamp && message.storeTimestamp() <= endTimestamp;
            if (inRange && message.topic().equals(topic) && hasKey(message, key)) {
                matches.add(record);
            }
        }
        return matches;
    }

    private static boolean hasKey(StoredMessage message, String key) {
        if (key.equals(message.property(MessageProperties.UNIQ_KEY))) {
            return true;
        }
        String keys = message.property(MessageProperties.KEYS);
        if (keys == null) {
            return false;
        }
        for (String candidate : keys.split(MessageProperties.KEY_SEPARATOR)) {
            if (candidate.equals(key)) {
                return true;
            }
        }
        return false;
    }

}
