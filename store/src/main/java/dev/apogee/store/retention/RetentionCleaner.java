package dev.apogee.store.retention;

import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.dispatch.Dispatcher;
import dev.apogee.store.file.Segment;
import dev.apogee.store.index.KeyIndex;
import dev.apogee.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Deletes the oldest commit-log segments once they are past the retention time, or sooner while the
 * disk is fuller than the high-water mark, together with the consume-queue and index files that only
 * pointed into them. The active (newest) segment is never deleted.
 *
 * <p>A segment's age is the store time of the first record after it (the moment it stopped growing).
 * A reader that still holds a view of a deleted segment keeps a valid mapping; a read of an offset
 * before the new minimum answers "offset moved" (the queues' minimum offsets advance).
 *
 * <p>Thread-safety: runs on its own "store-retention" thread; queue and index files are deleted on
 * the dispatcher thread, their only writer.
 */
public final class RetentionCleaner {

    private static final Logger LOG = LogManager.getLogger(RetentionCleaner.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final KeyIndex index;
    private final Dispatcher dispatcher;
    private final Duration retention;
    private final double highWaterRatio;
    private final Path root;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionCleaner(CommitLog commitLog, ConsumeQueueTable queues, KeyIndex index, Dispatcher dispatcher,
                            Duration retention, double highWaterRatio, Path root, LongSupplier clock) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.retention = retention;
        this.highWaterRatio = highWaterRatio;
        this.root = root;
        this.clock = clock;
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            clean();
        } catch (IOException | RuntimeException e) {
            LOG.error("Retention run failed", e);
        }
    }

    /**
     * One retention pass.
     *
     * @return the number of commit-log segments deleted
     */
    public int clean() throws IOException {
        List<Segment> segments = commitLog.segments().segments();
        long expiredBefore = clock.getAsLong() - retention.toMillis();
        int deletable = 0;
        boolean diskFull = diskUsage() > highWaterRatio;
        // Never the newest segment; never a segment the dispatcher has not finished with.
        for (int i = 0; i + 1 < segments.size(); i++) {
            Segment next = segments.get(i + 1);
            if (next.baseOffset() > dispatcher.dispatchedOffset()) {
                break;
            }
            long closedAt = commitLog.storeTimestampAt(next.baseOffset());
            boolean expired = closedAt >= 0 && closedAt < expiredBefore;
            if (!expired && !(diskFull && i == deletable)) {
                break;
            }
            deletable++;
            if (!expired) {
                diskFull = false;
            }
        }
        if (deletable == 0) {
            return 0;
        }
        long newMin = segments.get(deletable).baseOffset();
        commitLog.deleteOldest(deletable);
        dispatcher.execute(() -> {
            try {
                int queueFiles = queues.deleteBeforePhysical(newMin);
                int indexFiles = index.deleteFilesBefore(newMin);
                LOG.info("Retention: commit log now starts at {}; deleted {} consume-queue and {} index files",
                        newMin, queueFiles, indexFiles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return deletable;
    }

    private double diskUsage() {
        try {
            FileStore store = Files.getFileStore(root);
            long total = store.getTotalSpace();
            return total == 0 ? 0 : 1.0 - (double) store.getUsableSpace() / total;
        } catch (IOException e) {
            return 0;
        }
    }

    public void stop() {
        executor.shutdownNow();
    }
}
