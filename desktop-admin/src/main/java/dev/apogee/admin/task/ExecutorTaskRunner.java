package dev.apogee.admin.task;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A {@link TaskRunner} over two executors: one that runs the work, and the UI executor that every
 * outcome, progress update and state change is posted to ({@code Platform::runLater} in the
 * application). {@link #pooled} makes the production one: a bounded pool of named daemon threads.
 */
public class ExecutorTaskRunner implements TaskRunner {

    private static final Logger LOG = LogManager.getLogger(ExecutorTaskRunner.class);

    private final Executor background;
    private final ExecutorService owned;
    private final Executor ui;
    private final ErrorSink errors;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    private volatile boolean closed;

    /**
     * @param background runs the work (shut down by {@link #close()} if it is an {@link ExecutorService})
     * @param ui         the UI thread's executor: outcomes and state changes go there
     * @param errors     where failures without a handler of their own go
     */
    public ExecutorTaskRunner(Executor background, Executor ui, ErrorSink errors) {
        this.background = Objects.requireNonNull(background, "background");
        this.owned = background instanceof ExecutorService service ? service : null;
        this.ui = Objects.requireNonNull(ui, "ui");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * The production runner: {@code threads} named daemon threads ({@code apogee-admin-task-N}) with at
     * most {@code queueCapacity} tasks waiting; one more is refused and reported, not queued without end.
     */
    public static ExecutorTaskRunner pooled(int threads, int queueCapacity, Executor ui, ErrorSink errors) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "apogee-admin-task-" + counter.incrementAndGet());
            // Daemon: a hung network call must not keep the application from exiting.
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return new ExecutorTaskRunner(pool, ui, errors);
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<Throwable> onFailure) {
        Objects.requireNonNull(work, "work");
        TaskHandle handle = new TaskHandle(title);
        running.set(running.get() + 1);
        if (closed) {
            finish(handle, TaskState.CANCELLED);
            return handle;
        }
        Work.Progress progress = new Work.Progress() {
            @Override
            public void update(double fraction, String message) {
                ui.execute(() -> handle.setProgress(fraction, message));
            }

            @Override
            public boolean cancelled() {
                return handle.isCancelled() || Thread.currentThread().isInterrupted();
            }
        };
        FutureTask<Void> task = new FutureTask<>(() -> {
            run(title, handle, work, progress, onSuccess, onFailure);
            return null;
        });
        handle.attach(task);
        try {
            background.execute(() -> {
                task.run();
                if (task.isCancelled()) {
                    // Cancelled before it started or while it ran: nothing else will finish it.
                    ui.execute(() -> finishIfOpen(handle, TaskState.CANCELLED));
                }
            });
        } catch (RejectedExecutionException e) {
            finish(handle, TaskState.FAILED);
            errors.report(ErrorReport.of(title, new IllegalStateException(
                    "too many background tasks are waiting; try again when some have finished", e)));
        }
        return handle;
    }

    private <T> void run(String title, TaskHandle handle, Work<T> work, Work.Progress progress,
                         Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        if (handle.isCancelled()) {
            return;
        }
        ui.execute(() -> {
            if (!handle.state().finished()) {
                handle.setState(TaskState.RUNNING);
            }
        });
        T result;
        try {
            result = work.call(progress);
        } catch (Throwable failure) {
            if (failure instanceof Error error && !(failure instanceof AssertionError)
                    && !(failure instanceof StackOverflowError)) {
                LOG.error("{} failed with an error", title, error);
            }
            ui.execute(() -> fail(title, handle, failure, onFailure));
            return;
        }
        ui.execute(() -> {
            if (handle.isCancelled()) {
                finishIfOpen(handle, TaskState.CANCELLED);
                return;
            }
            try {
                onSuccess.accept(result);
                finish(handle, TaskState.SUCCEEDED);
            } catch (RuntimeException e) {
                // A view model's bug must not vanish on the UI thread either.
                finish(handle, TaskState.FAILED);
                errors.report(ErrorReport.of(title, e));
            }
        });
    }

    private void fail(String title, TaskHandle handle, Throwable failure, Consumer<Throwable> onFailure) {
        if (handle.isCancelled() && (failure instanceof InterruptedException || failure instanceof CancellationException
                || Thread.interrupted())) {
            finishIfOpen(handle, TaskState.CANCELLED);
            return;
        }
        if (handle.isCancelled()) {
            finishIfOpen(handle, TaskState.CANCELLED);
            LOG.debug("{} failed after it was cancelled", title, failure);
            return;
        }
        finish(handle, TaskState.FAILED);
        if (onFailure != null) {
            try {
                onFailure.accept(failure);
                return;
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        errors.report(ErrorReport.of(title, failure));
    }

    private void finishIfOpen(TaskHandle handle, TaskState state) {
        if (!handle.state().finished()) {
            finish(handle, state);
        }
    }

    private void finish(TaskHandle handle, TaskState state) {
        handle.setState(state);
        running.set(Math.max(0, running.get() - 1));
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Stops taking tasks, interrupts those running, and waits briefly for the threads to end. */
    @Override
    public void close() {
        closed = true;
        if (owned != null) {
            owned.shutdownNow().forEach(queued -> {
                if (queued instanceof Future<?> future) {
                    future.cancel(false);
                }
            });
            try {
                if (!owned.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("background tasks still running after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
