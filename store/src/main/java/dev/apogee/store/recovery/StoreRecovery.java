package dev.apogee.store.recovery;

import dev.apogee.store.commitlog.CommitLog;
import dev.apogee.store.commitlog.QueueOffsets;
import dev.apogee.store.dispatch.Dispatcher;
import dev.apogee.store.index.KeyIndex;
import dev.apogee.store.queue.ConsumeQueue;
import dev.apogee.store.queue.ConsumeQueueTable;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Brings a store back to a consistent state before it serves anything:
 * <ol>
 *   <li>scans the commit log from the last point both it and the derived files were durable, and
 *       finds its real end; a bad record after the durable mark is a torn write and is cut off
 *       (nothing acknowledged by SYNC_FLUSH lies there, and in ASYNC_FLUSH a process crash leaves
 *       every acknowledged record complete in the page cache); a bad record before the mark is
 *       corruption and stops the store ({@link CorruptCommitLogException});</li>
 *   <li>cuts consume-queue and index entries that point past that end;</li>
 *   <li>dispatches every record from the queues' durable mark to the end again (appends already
 *       present are skipped, so this is safe to repeat);</li>
 *   <li>hands the appender the next queue offset of every queue.</li>
 * </ol>
 */
public final class StoreRecovery {

    private static final Logger LOG = LogManager.getLogger(StoreRecovery.class);

    private StoreRecovery() {
    }

    /** What recovery found. */
    public record Outcome(long commitLogEnd, long recordsChecked, int redispatched, String stopReason) {
    }

    public static Outcome recover(CommitLog commitLog, ConsumeQueueTable queues, KeyIndex index, Dispatcher dispatcher,
                                  QueueOffsets queueOffsets, Checkpoint checkpoint, boolean aborted) throws IOException {
        long min = commitLog.minOffset();
        long safe = Math.max(min, Math.min(checkpoint.queuesDurable(), checkpoint.commitLogDurable()));
        long scanStart = safe - (safe - min) % commitLog.segmentSize();
        CommitLogScanner.ScanResult scan = new CommitLogScanner(commitLog.segments()).scan(scanStart);
        long end = scan.end();
        if (end < checkpoint.commitLogDurable()) {
            throw new CorruptCommitLogException("the commit log was durable up to " + checkpoint.commitLogDurable()
                    + " but its records stop checking out at " + end + " (" + scan.stopReason() + "); segment "
                    + commitLog.segments().segmentFor(end) + ". Refusing to open rather than drop acknowledged messages.");
        }
        commitLog.truncateTo(end);
        queues.truncateAfterPhysical(end);
        long indexed = index.recoverTo(end);
        // Queues are derived data: if their files are gone (an operator deleted them), rebuild them
        // from the oldest record kept instead of trusting the checkpoint. Re-dispatch indexes only
        // records past the index's own end, so the index is not doubled.
        long queuesMark = queues.maxLastPhysicalEnd() < 0 ? min : checkpoint.queuesDurable();
        long resume = Math.max(min, Math.min(queuesMark, end));
        dispatcher.resumeFrom(resume);
        int redispatched = dispatcher.dispatchUpTo(end);
        for (ConsumeQueue queue : queues.all()) {
            queueOffsets.set(queue.topic(), queue.queueId(), queue.maxOffset());
        }
        dispatcher.flush();
        checkpoint.reset(end, end);
        if (aborted) {
            LOG.warn("Recovered after an unclean shutdown: commit log ends at {} ({}; {} records checked), {} records"
                    + " dispatched again, index resumed after {}", end, scan.stopReason(), scan.recordsChecked(),
                    redispatched, indexed);
        } else {
            LOG.info("Opened cleanly: commit log ends at {}, {} records dispatched again", end, redispatched);
        }
        return new Outcome(end, scan.recordsChecked(), redispatched, scan.stopReason());
    }
}
