package dev.apogee.jms.session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A session's one thread for MessageListeners (its serial thread of control), made on first use. Pollers
 * hand it one message at a time and wait, so its queue never holds more than one task per consumer.
 */
final class DeliveryThread {

    private final String name;
    private ThreadPoolExecutor executor;
    private volatile Thread thread;

    DeliveryThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} on the thread and waits for it; false if interrupted while waiting. */
    boolean runAndWait(Runnable task) throws ExecutionException {
        Future<?> done;
        synchronized (this) {
            if (executor == null) {
                executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                        runnable -> {
                            Thread made = new Thread(runnable, name);
                            made.setDaemon(true);
                            thread = made;
                            return made;
                        });
            }
            done = executor.submit(task);
        }
        try {
            done.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the caller runs on this thread (inside a MessageListener). */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread; waits for the running listener unless called from it (which would never end). */
    void shutdown() {
        ThreadPoolExecutor current;
        synchronized (this) {
            current = executor;
        }
        if (current == null) {
            return;
        }
        current.shutdown();
        if (!isCurrent()) {
            try {
                current.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
