package dev.apogee.store.dispatch;

import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.file.Segment;
import dev.apogee.store.index.KeyIndex;
import dev.apogee.store.queue.ConsumeQueue;
import dev.apogee.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Follows the commit log and derives the consume queues and the key index from it: for every
 * record past its position it appends a consume-queue entry (unless the record is a prepared or
 * rolled-back transaction message) and indexes its keys and unique id. Both are derived data:
 * recovery rebuilds them from the commit log, never the other way round.
 *
 * <p>A second thread, "store-derived-flush", forces them on the flush interval and then reports the
 * position up to which both are durable (the checkpoint). Forcing takes the disk's time (the key
 * index's hash slots are written all over their table), and on the dispatch thread it held up
 * every long-polling consumer behind it: hundreds of milliseconds of end-to-end latency.
 *
 * <p>Thread-safety: the consume queues' and the index's writer side is used only from the
 * "store-dispatch" thread (or, before it starts, by recovery through {@link #dispatchUpTo}). The
 * flush thread only forces; {@link #fileLock} keeps it off files that commands delete or cut.
 */
public final class Dispatcher implements Runnable {

    private static final Logger LOG = LogManager.getLogger(Dispatcher.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final KeyIndex index;
    private final long flushIntervalNanos;
    private final LongConsumer onDurable;
    private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();
    /** Work other threads hand to the dispatcher, which alone may change the queues and the index. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> commands =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile long dispatchedOffset;
    private volatile boolean running = true;
    private Thread thread;
    private Thread flusher;
    /** The index is forced on every this many periodic flushes (every 10 s at the default 500 ms). */
    static final int INDEX_FLUSH_EVERY = 20;
    /** Flush-thread state (and {@link #flush}'s, under {@link #fileLock}): where the index was last forced. */
    private long indexDurableUpTo;
    private int flushesSinceIndex;
    /** Held while forcing, and while commands run (they may delete files the flusher would force). */
    private final java.util.concurrent.locks.ReentrantLock fileLock = new java.util.concurrent.locks.ReentrantLock();

    /**
     * @param onDurable told, after each flush of queues and index, the offset up to which both are durable
     */
    public Dispatcher(CommitLog commitLog, ConsumeQueueTable queues, KeyIndex index, long flushIntervalMillis,
                      LongConsumer onDurable) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
        this.onDurable = onDurable;
    }

    public void addListener(DispatchListener listener) {
        listeners.add(listener);
    }

    /** Where dispatch has reached: every record before it is in the queues and the index. */
    public long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Sets where dispatch resumes (recovery). */
    public void resumeFrom(long offset) {
        dispatchedOffset = offset;
    }

    /**
     * Dispatches every record from the current position up to {@code end} on the calling thread.
     *
     * @return the number of records dispatched
     */
    public int dispatchUpTo(long end) throws IOException {
        int count = 0;
        long position = dispatchedOffset;
        while (position < end) {
            Segment segment = commitLog.segments().segmentFor(position);
            if (segment == null) {
                if (position < commitLog.minOffset()) {
                    // Retention deleted the segment under us: go on from the oldest kept byte.
                    position = commitLog.minOffset();
                    continue;
                }
                break;
            }
            ByteBuffer head = commitLog.read(position, MessageRecordLayout.BLANK_RECORD_MIN_SIZE);
            if (head == null) {
                break;
            }
            int size = head.getInt(MessageRecordLayout.TOTAL_SIZE_OFFSET);
            int magic = head.getInt(MessageRecordLayout.MAGIC_OFFSET);
            if (magic == MessageRecordLayout.BLANK_MAGIC) {
                position = segment.baseOffset() + commitLog.segmentSize();
                continue;
            }
            ByteBuffer record = commitLog.read(position, size);
            if (record == null) {
                throw new IOException("record at " + position + " of size " + size + " is not readable");
            }
            dispatch(DispatchRecord.read(record));
            position += size;
            count++;
        }
        dispatchedOffset = position;
        return count;
    }

    private void dispatch(DispatchRecord record) throws IOException {
        int type = MessageSysFlag.transactionType(record.sysFlag());
        if (type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT) {
            ConsumeQueue queue = queues.getOrCreate(record.topic(), record.queueId());
            queue.append(record.queueOffset(), record.physicalOffset(), record.size(), record.tagsCode());
            for (DispatchListener listener : listeners) {
                try {
                    listener.onDispatch(record.topic(), record.queueId(), queue.maxOffset(), record.tagsCode());
                } catch (RuntimeException e) {
                    LOG.warn("Dispatch listener {} failed", listener, e);
                }
            }
        }
        if (type != MessageSysFlag.TRANSACTION_ROLLBACK && record.physicalOffset() > index.maxIndexedPhysicalOffset()) {
            if (record.uniqKey() != null) {
                index.put(record.topic(), record.uniqKey(), record.physicalOffset(), record.storeTimestamp());
            }
            if (record.keys() != null) {
                for (String key : record.keys().split(MessageProperties.KEY_SEPARATOR)) {
                    if (!key.isEmpty()) {
                        index.put(record.topic(), key, record.physicalOffset(), record.storeTimestamp());
                    }
                }
            }
        }
    }

    /** Starts the "store-dispatch" and "store-derived-flush" threads. */
    public void start() {
        // Recovery forced what it dispatched, and what was dispatched before is durable by the checkpoint.
        indexDurableUpTo = dispatchedOffset;
        thread = new Thread(this, "store-dispatch");
        thread.setDaemon(true);
        thread.start();
        flusher = new Thread(this::flushPeriodically, "store-derived-flush");
        flusher.setDaemon(true);
        flusher.start();
    }

    private void flushPeriodically() {
        while (running) {
            LockSupport.parkNanos(this, flushIntervalNanos);
            if (!running) {
                return;
            }
            try {
                flushOnInterval();
            } catch (IOException | RuntimeException e) {
                LOG.error("Flushing the consume queues and the index failed; retrying", e);
            }
        }
    }

    /**
     * Runs {@code command} on the dispatcher thread, between two dispatch rounds (retention uses it
     * to delete queue and index files, whose writer the dispatcher is).
     */
    public void execute(Runnable command) {
        commands.add(command);
        wakeUp();
    }

    private void runCommands() {
        for (Runnable command; (command = commands.poll()) != null; ) {
            fileLock.lock();
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.error("Dispatcher command failed", e);
            } finally {
                fileLock.unlock();
            }
        }
    }

    /** Wakes the dispatcher: the commit log has new records. */
    public void wakeUp() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                runCommands();
                int dispatched = dispatchUpTo(commitLog.committedOffset());
                if (dispatched == 0) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Dispatch failed at commit-log offset {}; retrying", dispatchedOffset, e);
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** Flushes the queues and the index and reports the offset up to which they are durable. */
    public void flush() throws IOException {
        fileLock.lock();
        try {
            // Everything dispatched before this read is written to the files (the dispatcher writes
            // before it publishes the offset), so the forces below cover it.
            long upTo = dispatchedOffset;
            queues.flush();
            index.flush();
            indexDurableUpTo = upTo;
            flushesSinceIndex = 0;
            onDurable.accept(upTo);
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * The periodic flush: the queues every time, the index every {@link #INDEX_FLUSH_EVERY}th time.
     * The index's hash slots are written all over its table, so each force writes thousands of
     * scattered pages; forcing them twice a second competed with SYNC_FLUSH's commit-log forces for
     * the disk. What is durable is what both have forced; after an operating-system crash recovery
     * indexes the few seconds since again (a process crash loses nothing: the pages are in the cache).
     */
    private void flushOnInterval() throws IOException {
        fileLock.lock();
        try {
            long upTo = dispatchedOffset;
            queues.flush();
            if (++flushesSinceIndex >= INDEX_FLUSH_EVERY) {
                index.flush();
                indexDurableUpTo = upTo;
                flushesSinceIndex = 0;
            }
            onDurable.accept(Math.min(upTo, indexDurableUpTo));
        } finally {
            fileLock.unlock();
        }
    }

    /** Ends the thread at once: no more dispatch, no flush (crash simulation). */
    public void abandon() throws InterruptedException {
        running = false;
        stopThreads();
    }

    private void stopThreads() throws InterruptedException {
        for (Thread t : new Thread[] {thread, flusher}) {
            if (t != null) {
                LockSupport.unpark(t);
                t.join(10_000);
            }
        }
    }

    /** Dispatches what is committed, flushes, and ends the thread. */
    public void stop() throws InterruptedException, IOException {
        running = false;
        stopThreads();
        runCommands();
        dispatchUpTo(commitLog.committedOffset());
        flush();
    }
}
