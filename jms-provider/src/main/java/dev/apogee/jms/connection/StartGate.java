package dev.apogee.jms.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Whether a connection delivers: receives and listeners wait here while it is stopped. */
public final class StartGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean started;
    private boolean closed;

    void start() {
        set(true, false);
    }

    void stop() {
        set(false, false);
    }

    void close() {
        set(false, true);
    }

    private void set(boolean start, boolean close) {
        lock.lock();
        try {
            started = start;
            closed |= close;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection delivers now. */
    public boolean isStarted() {
        lock.lock();
        try {
            return started && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until started, closed, or {@code deadlineNanos} (System.nanoTime); true when started. */
    public boolean awaitStarted(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!started && !closed) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return started && !closed;
        } finally {
            lock.unlock();
        }
    }
}
