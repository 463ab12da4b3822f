package dev.apogee.store;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.commitlog.Appender;
import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.commitlog.PutRequest;
import dev.apogee.store.commitlog.QueueOffsets;
import dev.apogee.store.dispatch.DispatchListener;
import dev.apogee.store.dispatch.Dispatcher;
import dev.apogee.store.file.SegmentFactory;
import dev.apogee.store.flush.FlushAgent;
import dev.apogee.store.index.KeyIndex;
import dev.apogee.store.queue.ConsumeQueue;
import dev.apogee.store.queue.ConsumeQueueTable;
import dev.apogee.store.recovery.AbortMarker;
import dev.apogee.store.recovery.Checkpoint;
import dev.apogee.store.recovery.StoreRecovery;
import dev.apogee.store.retention.RetentionCleaner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The storage engine: puts append to the commit log through its single writer and complete once
 * durable by the flush mode; reads go through a consume queue to slices of the commit log; keys and
 * unique ids are looked up through the key index.
 *
 * <p>Opening a store recovers it ({@link StoreRecovery}) before anything is served.
 *
 * <p>Thread-safety: every public method may be called from any thread.
 */
public final class MessageStore implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(MessageStore.class);
    private static final java.time.Duration RETENTION_INTERVAL = java.time.Duration.ofSeconds(10);

    private final StoreConfig config;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final KeyIndex index;
    private final Checkpoint checkpoint;
    private final AbortMarker abortMarker;
    private final Dispatcher dispatcher;
    private final FlushAgent flushAgent;
    private final Appender appender;
    private final RetentionCleaner retention;
    private final MessageReader reader;
    private final StoreRecovery.Outcome recovery;
    private volatile boolean closed;

    private MessageStore(StoreConfig config, SegmentFactory files, Consumer<Runnable> answering) throws IOException {
        this.config = config;
        Files.createDirectories(config.root());
        this.commitLog = new CommitLog(config.commitLogDirectory(), config.commitLogSegmentSize(), files);
        this.queues = new ConsumeQueueTable(config.consumeQueueDirectory(), config.consumeQueueEntriesPerFile(), files);
        this.index = new KeyIndex(config.indexDirectory(), config.indexSlots(), config.indexEntries(), files);
        this.checkpoint = Checkpoint.load(config.root().resolve("checkpoint"));
        this.abortMarker = new AbortMarker(config.root().resolve("abort"));
        this.dispatcher = new Dispatcher(commitLog, queues, index, config.flushInterval().toMillis(),
                offset -> persist(() -> checkpoint.queuesFlushed(offset)));
        this.flushAgent = new FlushAgent(commitLog, config.flushMode(), config.flushInterval().toMillis(),
                config.syncFlushTimeout().toMillis(), offset -> persist(() -> checkpoint.commitLogFlushed(offset)),
                answering, FlushAgent.DEFAULT_MAX_LINGER);
        QueueOffsets queueOffsets = new QueueOffsets();
        this.appender = new Appender(commitLog, queueOffsets, flushAgent, config.putQueueCapacity(),
                dispatcher::wakeUp, System::currentTimeMillis);

        commitLog.load();
        queues.load();
        index.load();
        boolean aborted = abortMarker.previousRunAborted();
        this.reader = new MessageReader(commitLog, queues, index);
        this.recovery = StoreRecovery.recover(commitLog, queues, index, dispatcher, queueOffsets, checkpoint, aborted);
        abortMarker.create();
        this.retention = new RetentionCleaner(commitLog, queues, index, dispatcher, config.retention(),
                config.diskHighWaterRatio(), config.root(), System::currentTimeMillis);
        dispatcher.start();
        flushAgent.start();
        appender.start();
        retention.start(RETENTION_INTERVAL);
    }

    /**
     * Opens (and if needed recovers) the store under {@code config.root()}.
     *
     * @throws IOException if the files cannot be opened, or recovery finds durable records corrupt
     */
    public static MessageStore open(StoreConfig config, SegmentFactory files) throws IOException {
        return new MessageStore(config, files, Runnable::run);
    }

    /**
     * {@link #open(StoreConfig, SegmentFactory)}, with {@code answering} run around each batch of put
     * completions (the store's flush thread completes every put a force covered at once; a server
     * gathers the responses those completions write).
     */
    public static MessageStore open(StoreConfig config, SegmentFactory files, Consumer<Runnable> answering)
            throws IOException {
        return new MessageStore(config, files, answering);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void persist(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StoreConfig config() {
        return config;
    }

    /** What recovery found when the store opened. */
    public StoreRecovery.Outcome recovery() {
        return recovery;
    }

    /** Registers a listener for records reaching consume queues (long-poll wake-ups). */
    public void addDispatchListener(DispatchListener listener) {
        dispatcher.addListener(listener);
    }

    /**
     * Stores one message. The future completes when the message is durable by the flush mode (see
     * {@link FlushMode}; in SYNC_FLUSH a message whose {@code WAIT} property is {@code false} as soon as it is
     * written and visible), or with a refusal status; it never completes exceptionally.
     */
    public CompletableFuture<PutResult> put(MessageDraft message) {
        return putAll(List.of(message));
    }

    /**
     * Stores messages that all go to one topic and queue as one contiguous run with consecutive
     * queue offsets (a producer's batch).
     */
    public CompletableFuture<PutResult> putAll(List<MessageDraft> messages) {
        CompletableFuture<PutResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, "store is closed"));
            return result;
        }
        if (messages.isEmpty()) {
            result.complete(PutResult.refused(PutStatus.MESSAGE_ILLEGAL, "no messages"));
            return result;
        }
        MessageDraft first = messages.get(0);
        List<byte[]> records = new ArrayList<>(messages.size());
        int total = 0;
        try {
            for (MessageDraft message : messages) {
                if (!message.topic().equals(first.topic()) || message.queueId() != first.queueId()) {
                    throw new IllegalArgumentException("a batch must go to one topic and queue");
                }
                if (message.queueId() < 0) {
                    throw new IllegalArgumentException("queue id " + message.queueId());
                }
                // Encoding happens here, on the caller's thread, so the single writer only copies bytes.
                byte[] record = MessageRecordCodec.encode(message);
                if (record.length > config.maxMessageSize()) {
                    throw new IllegalArgumentException("message of " + record.length + " bytes exceeds "
                            + config.maxMessageSize());
                }
                total += record.length;
                records.add(record);
            }
            if (total > config.commitLogSegmentSize() / 2) {
                throw new IllegalArgumentException("batch of " + total + " bytes is too large");
            }
        } catch (IllegalArgumentException e) {
            result.complete(PutResult.refused(PutStatus.MESSAGE_ILLEGAL, e.getMessage()));
            return result;
        }
        int type = MessageSysFlag.transactionType(first.sysFlag());
        boolean dispatched = type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT;
        // RocketMQ's WAIT=false: the producer does not need the message on disk before the answer.
        boolean waitForFlush = !"false".equals(MessageProperties.find(first.properties(), MessageProperties.WAIT));
        appender.submit(new PutRequest(records, first.topic(), first.queueId(), dispatched, result, waitForFlush));
        return result;
    }

    /**
     * Reads up to {@code maxMessages} messages (and about {@code maxBytes}) from a queue, starting at
     * {@code offset}, that match {@code filter}.
     */
    public GetResult get(String topic, int queueId, long offset, int maxMessages, int maxBytes, MessageFilter filter) {
        return reader.get(topic, queueId, offset, maxMessages, maxBytes, filter);
    }

    /** The first kept offset of a queue (0 when it does not exist). */
    public long minOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.get(topic, queueId);
        return queue == null ? 0 : queue.minOffset();
    }

    /** The next offset to be written in a queue (0 when it does not exist). */
    public long maxOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.get(topic, queueId);
        return queue == null ? 0 : queue.maxOffset();
    }

    /**
     * The queue offset of the first message stored at or after {@code timestamp} (or, with
     * {@code upperBound}, the last one stored at or before it).
     */
    public long offsetForTime(String topic, int queueId, long timestamp, boolean upperBound) {
        ConsumeQueue queue = queues.get(topic, queueId);
        return queue == null ? 0 : queue.offsetForTime(timestamp, upperBound, commitLog::storeTimestampAt);
    }

    /** The store timestamp of the message at a queue offset, or -1 if there is none. */
    public long storeTimestamp(String topic, int queueId, long queueOffset) {
        ConsumeQueue queue = queues.get(topic, queueId);
        var entry = queue == null ? null : queue.entry(queueOffset);
        return entry == null ? -1 : commitLog.storeTimestampAt(entry.physicalOffset());
    }

    /** The record at a commit-log offset (a view), or null if there is none. */
    public ByteBuffer recordAt(long physicalOffset) {
        return commitLog.readRecord(physicalOffset);
    }

    /** The decoded message at a commit-log offset, or null if there is none. */
    public StoredMessage messageAt(long physicalOffset) {
        ByteBuffer record = recordAt(physicalOffset);
        if (record == null) {
            return null;
        }
        try {
            return MessageRecordCodec.decode(record, false);
        } catch (dev.apogee.remoting.protocol.message.MalformedRecordException e) {
            // A client's offset that lands inside a record whose bytes look like a record start.
            return null;
        }
    }

    /**
     * Messages of {@code topic} whose KEYS contain {@code key} (or whose UNIQ_KEY is {@code key}),
     * stored within {@code [beginTimestamp, endTimestamp]}, newest first, at most {@code maxResults}.
     */
    public List<ByteBuffer> queryByKey(String topic, String key, int maxResults, long beginTimestamp,
                                       long endTimestamp) {
        return reader.queryByKey(topic, key, maxResults, beginTimestamp, endTimestamp);
    }

    /** Commit-log offsets: the first kept byte and the end of the last published record. */
    public long commitLogMinOffset() {
        return commitLog.minOffset();
    }

    public long commitLogMaxOffset() {
        return commitLog.committedOffset();
    }

    /** Where dispatch to queues and index has reached. */
    public long dispatchedOffset() {
        return dispatcher.dispatchedOffset();
    }

    /**
     * Runs one retention pass now (it also runs every 10 s): deletes expired segments, or the oldest
     * one while the disk is above the high-water mark.
     *
     * @return the number of commit-log segments deleted
     */
    public int runRetention() throws IOException {
        return retention.clean();
    }

    /**
     * Stops every thread at once without flushing, checkpointing or removing the abort marker, as a
     * crash would (for crash tests; the files are left as they are).
     */
    public synchronized void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        retention.stop();
        try {
            appender.stop();
            flushAgent.abandon();
            dispatcher.abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Clean shutdown: refuses new puts, appends and completes those queued, dispatches and flushes
     * everything, writes the checkpoint and removes the abort marker.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        retention.stop();
        try {
            appender.stop();
            flushAgent.stop();
            dispatcher.stop();
            checkpoint.reset(commitLog.committedOffset(), dispatcher.dispatchedOffset());
            queues.close();
            index.close();
            commitLog.close();
            abortMarker.delete();
            LOG.info("Store closed cleanly at commit-log offset {}", commitLog.committedOffset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while closing the store; it will recover at next open");
        } catch (IOException e) {
            LOG.error("Closing the store failed; it will recover at next open", e);
        }
    }
}
