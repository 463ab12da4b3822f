package dev.apogee.remoting.concurrent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Factory of executors with a fixed thread count and a bounded queue. When the queue is full,
 * {@code execute} throws {@link java.util.concurrent.RejectedExecutionException}: request dispatch
 * turns that into a SYSTEM_BUSY response, so overload sheds work instead of piling it up.
 */
public final class BoundedExecutors {

    private BoundedExecutors() {
    }

    /** A fixed pool of {@code threads} named {@code name-N}, queueing at most {@code queueCapacity} tasks. */
    public static ExecutorService fixed(String name, int threads, int queueCapacity) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new NamedThreadFactory(name, true),
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
