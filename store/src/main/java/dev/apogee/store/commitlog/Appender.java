package dev.apogee.store.commitlog;

import dev.apogee.store.PutResult;
import dev.apogee.store.PutStatus;
import dev.apogee.store.flush.FlushAgent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The commit log's single writer: takes put requests from a bounded queue, assigns queue offsets
 * and store timestamps, appends the records, publishes them to readers, and hands each drained
 * batch to the {@link FlushAgent}, which completes the puts once they are durable.
 *
 * <p>Thread-safety: {@link #submit} from any thread; everything else runs on the appender thread,
 * which alone owns the commit log's write position and the {@link QueueOffsets}.
 */
public final class Appender implements Runnable {

    private static final Logger LOG = LogManager.getLogger(Appender.class);
    private static final int MAX_BATCH = 256;

    private final CommitLog commitLog;
    private final QueueOffsets queueOffsets;
    private final FlushAgent flushAgent;
    private final Runnable onPublish;
    private final LongSupplier clock;
    private final BlockingQueue<PutRequest> requests;
    private final Thread thread;
    /** Appender-owned: the queue offset each put of the current batch started at, to undo a failed batch. */
    private final long[] firstQueueOffsets = new long[MAX_BATCH];
    private volatile boolean running = true;

    /**
     * @param onPublish called after each batch is visible to readers (wakes the dispatcher)
     */
    public Appender(CommitLog commitLog, QueueOffsets queueOffsets, FlushAgent flushAgent, int capacity,
                    Runnable onPublish, LongSupplier clock) {
        this.commitLog = commitLog;
        this.queueOffsets = queueOffsets;
        this.flushAgent = flushAgent;
        this.onPublish = onPublish;
        this.clock = clock;
        this.requests = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this, "store-appender");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues a put; when the queue is full the put fails at once with SERVICE_BUSY. */
    public void submit(PutRequest request) {
        if (!running) {
            request.result().complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, "store is closed"));
        } else if (!requests.offer(request)) {
            request.result().complete(PutResult.refused(PutStatus.SERVICE_BUSY, "too many puts waiting"));
        }
    }

    @Override
    public void run() {
        List<PutRequest> batch = new ArrayList<>(MAX_BATCH);
        List<FlushAgent.Pending> appended = new ArrayList<>(MAX_BATCH);
        while (running || !requests.isEmpty()) {
            try {
                PutRequest first = requests.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                requests.drainTo(batch, MAX_BATCH - 1);
                long storeTimestamp = clock.getAsLong();
                try {
                    for (PutRequest request : batch) {
                        firstQueueOffsets[appended.size()] = request.dispatched()
                                ? queueOffsets.next(request.topic(), request.queueId()) : -1;
                        appended.add(append(request, storeTimestamp));
                    }
                    commitLog.publish();
                } catch (IOException | RuntimeException e) {
                    discard(batch, appended.size(), e);
                    continue;
                }
                onPublish.run();
                flushAgent.submit(commitLog.committedOffset(), appended);
                // After the hand-off, so the batch's puts do not wait for it.
                commitLog.prepareAhead();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("Appender failed; failing the batch", e);
                for (PutRequest request : batch) {
                    request.result().complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, e.toString()));
                }
            } catch (Error e) {
                running = false;
                for (PutRequest request : batch) {
                    request.result().complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, e.toString()));
                }
                throw e;
            } finally {
                batch.clear();
                // The flush agent copied the entries out: the list is reused, not reallocated per batch.
                appended.clear();
            }
        }
        for (PutRequest left; (left = requests.poll()) != null; ) {
            left.result().complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, "store is closed"));
        }
    }

    /**
     * Appends one request's records. A record that cannot be stored at all is refused alone; an I/O
     * failure fails the whole batch ({@link #discard}), since the batch is written as one run.
     */
    private FlushAgent.Pending append(PutRequest request, long storeTimestamp) throws IOException {
        long queueOffset = request.dispatched() ? queueOffsets.next(request.topic(), request.queueId()) : -1;
        long physicalOffset;
        try {
            physicalOffset = commitLog.append(request.records(), queueOffset, storeTimestamp);
        } catch (IllegalArgumentException e) {
            LOG.error("Cannot append to the commit log", e);
            return new FlushAgent.Pending(request.result(),
                    PutResult.refused(PutStatus.MESSAGE_ILLEGAL, e.getMessage()), -1, false);
        }
        if (request.dispatched()) {
            queueOffsets.advance(request.topic(), request.queueId(), request.records().size());
        }
        int[] sizes = new int[request.records().size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = request.records().get(i).length;
        }
        PutResult result = new PutResult(PutStatus.PUT_OK, physicalOffset, Math.max(queueOffset, 0),
                storeTimestamp, sizes, null);
        return new FlushAgent.Pending(request.result(), result, physicalOffset + sum(sizes), request.waitForFlush());
    }

    /**
     * Fails every put of a batch whose run could not be written (a full or failing disk): nothing
     * of it was published, so the log and the queue offsets go back to where the batch began.
     */
    private void discard(List<PutRequest> batch, int attempted, Exception cause) {
        LOG.error("Cannot write {} puts to the commit log; they are refused", batch.size(), cause);
        commitLog.discardUnpublished();
        // Backwards, so each queue ends at the offset its first put of the batch was given.
        for (int i = Math.min(attempted, batch.size() - 1); i >= 0; i--) {
            PutRequest request = batch.get(i);
            if (firstQueueOffsets[i] >= 0) {
                queueOffsets.set(request.topic(), request.queueId(), firstQueueOffsets[i]);
            }
        }
        PutResult refused = PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, "commit log write failed: " + cause);
        for (PutRequest request : batch) {
            request.result().complete(refused);
        }
    }

    private static long sum(int[] sizes) {
        long total = 0;
        for (int size : sizes) {
            total += size;
        }
        return total;
    }

    /** Stops taking puts, appends what is queued, and waits for the thread to end. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
