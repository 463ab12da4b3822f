package dev.apogee.store.flush;

import dev.apogee.store.FlushMode;
import dev.apogee.store.PutResult;
import dev.apogee.store.PutStatus;
import dev.apogee.store.commitlog.CommitLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Completes puts once they are durable by the flush mode, and forces the commit log.
 *
 * <p>ASYNC_FLUSH: a put is complete as soon as the appender has written and published it (it is in
 * the mapped pages, which outlive the process), so batches are completed at once; the log is
 * forced every flush interval. SYNC_FLUSH: batches wait until a force covers them; one force serves
 * every batch that arrived while the previous force ran (group commit), and waits a little for the puts
 * of the senders the previous force answered when they are likely to come ({@link #linger}).
 *
 * <p>Completing futures here, on the "store-flush" thread, keeps the appender free of the callers'
 * callbacks (which write responses); only SYNC_FLUSH puts that do not wait for a force are completed by
 * the appender's hand-off ({@link #submit}).
 *
 * <p>Thread-safety: {@link #submit} is called by the appender thread (and answers the puts that do not
 * wait for a force there); everything else runs on the flush thread. The hand-off is guarded by one lock.
 */
public final class FlushAgent implements Runnable {

    private static final Logger LOG = LogManager.getLogger(FlushAgent.class);

    /** The longest a force waits for more puts by default (and never longer than the last force took). */
    public static final Duration DEFAULT_MAX_LINGER = Duration.ofMillis(1);

    /**
     * A put appended (or refused) and waiting to be completed. {@code end} is -1 for a refused put;
     * {@code waitsForFlush} false lets SYNC_FLUSH complete it without waiting for a force.
     */
    public record Pending(CompletableFuture<PutResult> future, PutResult result, long end, boolean waitsForFlush) {
    }

    private final CommitLog commitLog;
    private final FlushMode mode;
    private final long intervalNanos;
    private final long syncTimeoutNanos;
    private final LongConsumer onFlushed;
    private final Consumer<Runnable> answering;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final long maxLingerNanos;
    /** Flush-thread state: puts the last SYNC_FLUSH force covered, and how long it took. */
    private int lastCovered;
    private long lastForceNanos;

    /**
     * @param onFlushed told the offset now durable after each force (writes the checkpoint)
     */
    public FlushAgent(CommitLog commitLog, FlushMode mode, long intervalMillis, long syncTimeoutMillis,
                      LongConsumer onFlushed) {
        this(commitLog, mode, intervalMillis, syncTimeoutMillis, onFlushed, Runnable::run, DEFAULT_MAX_LINGER);
    }

    /**
     * @param onFlushed told the offset now durable after each force (writes the checkpoint)
     * @param answering runs each batch of completions (the broker gathers the responses they write, so
     *                  the I/O threads are woken once per batch, not once per put)
     * @param maxLinger the longest a SYNC_FLUSH force waits for more puts ({@link #linger})
     */
    public FlushAgent(CommitLog commitLog, FlushMode mode, long intervalMillis, long syncTimeoutMillis,
                      LongConsumer onFlushed, Consumer<Runnable> answering, Duration maxLinger) {
        this.answering = answering;
        this.maxLingerNanos = maxLinger.toNanos();
        this.commitLog = commitLog;
        this.mode = mode;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.syncTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(syncTimeoutMillis);
        this.onFlushed = onFlushed;
        this.thread = new Thread(this, "store-flush");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Hands over a batch the appender has published up to {@code committedOffset}. Under SYNC_FLUSH the
     * puts that did not ask to wait for a force (WAIT=false) are answered here, on the appender's thread:
     * handed to the flush thread they would wait behind the force it may be running. They are in the
     * log's pages, which outlive the process, as every ASYNC_FLUSH put is when it is answered.
     */
    public void submit(long committedOffset, List<Pending> batch) {
        boolean answerNotWaiting = mode == FlushMode.SYNC_FLUSH;
        boolean anyNotWaiting = false;
        lock.lock();
        try {
            for (Pending pending : batch) {
                if (answerNotWaiting && !pending.waitsForFlush()) {
                    anyNotWaiting = true;
                } else {
                    waiting.add(pending);
                }
            }
            work.signal();
        } finally {
            lock.unlock();
        }
        if (anyNotWaiting) {
            answering.accept(() -> {
                for (Pending pending : batch) {
                    if (!pending.waitsForFlush()) {
                        pending.future().complete(pending.result());
                    }
                }
            });
        }
    }

    @Override
    public void run() {
        long lastForce = System.nanoTime();
        while (true) {
            ArrayDeque<Pending> taken;
            boolean arrivedDuringForce;
            lock.lock();
            try {
                arrivedDuringForce = !waiting.isEmpty();
                if (waiting.isEmpty() && running) {
                    long wait = mode == FlushMode.ASYNC_FLUSH
                            ? Math.max(0, intervalNanos - (System.nanoTime() - lastForce)) : intervalNanos;
                    work.awaitNanos(Math.max(wait, 1));
                }
                taken = waiting;
                waiting = new ArrayDeque<>();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                if (mode == FlushMode.SYNC_FLUSH && hasStored(taken)) {
                    int expected = arrivedDuringForce ? lastCovered + taken.size() : lastCovered;
                    if (taken.size() < expected) {
                        linger(taken, expected, Math.min(lastForceNanos, maxLingerNanos));
                    }
                    lastCovered = taken.size();
                    long started = System.nanoTime();
                    forceAndReport();
                    lastForce = System.nanoTime();
                    lastForceNanos = lastForce - started;
                    boolean late = lastForce - started > syncTimeoutNanos;
                    complete(taken, late);
                } else {
                    complete(taken, false);
                    if (System.nanoTime() - lastForce >= intervalNanos) {
                        forceAndReport();
                        lastForce = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                // The records are in the log but not known durable: a SYNC_FLUSH put must not say OK.
                LOG.error("Forcing the commit log failed", e);
                complete(taken, true);
            } catch (RuntimeException e) {
                LOG.error("Flush agent error", e);
                complete(taken, true);
            }
            if (!running && taken.isEmpty() && isIdle()) {
                return;
            }
        }
    }

    /**
     * Group commit beyond what arrived during the last force: waits, at most {@code maxNanos}, until
     * {@code expected} puts are in {@code taken}. Senders that wait for their answer before sending again
     * fall into two groups that take turns, one appending while the other's force runs, so each force
     * covers about half of them; and on these machines a force costs more CPU than the puts it covers. Waiting
     * for the group the last force answered (its puts come back within about a force's time) lets one force
     * cover both. A lone sender (the last force covered one put, nothing came during it) never waits.
     */
    private void linger(ArrayDeque<Pending> taken, int expected, long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        lock.lock();
        try {
            while (running) {
                taken.addAll(waiting);
                waiting.clear();
                long left = deadline - System.nanoTime();
                if (taken.size() >= expected || left <= 0) {
                    return;
                }
                work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // Force what was taken; the thread ends at its next wait, which sees the interrupt.
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private boolean isIdle() {
        lock.lock();
        try {
            return waiting.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the batch holds a stored put (all that reach this thread under SYNC_FLUSH wait for a force). */
    private static boolean hasStored(ArrayDeque<Pending> batch) {
        for (Pending pending : batch) {
            if (pending.end() >= 0) {
                return true;
            }
        }
        return false;
    }

    private void forceAndReport() throws IOException {
        long durable = commitLog.force();
        onFlushed.accept(durable);
    }

    private void complete(ArrayDeque<Pending> batch, boolean late) {
        if (batch.isEmpty()) {
            return;
        }
        answering.accept(() -> {
            for (Pending pending : batch) {
                PutResult result = pending.result();
                if (late && result.stored()) {
                    result = result.withStatus(PutStatus.FLUSH_DISK_TIMEOUT);
                }
                pending.future().complete(result);
            }
        });
    }

    /** Ends the thread without forcing (crash simulation); waiting puts are failed, not completed. */
    public void abandon() throws InterruptedException {
        running = false;
        lock.lock();
        try {
            for (Pending pending : waiting) {
                pending.future().complete(PutResult.refused(PutStatus.SERVICE_UNAVAILABLE, "store abandoned"));
            }
            waiting.clear();
            work.signal();
        } finally {
            lock.unlock();
        }
        thread.join(10_000);
    }

    /** Completes what is waiting, forces one last time, and ends the thread. */
    public void stop() throws InterruptedException, IOException {
        running = false;
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
        thread.join(10_000);
        forceAndReport();
    }
}
