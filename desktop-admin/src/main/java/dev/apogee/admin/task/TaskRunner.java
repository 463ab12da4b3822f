package dev.apogee.admin.task;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;

/**
 * Runs work off the UI thread and delivers its outcome on it. View models submit every network call
 * here; a view binds to {@link #runningProperty()} (a global progress indicator) and to a
 * {@link TaskHandle}'s state and progress. A failure goes to the failure handler if one is given,
 * otherwise to the runner's {@link ErrorSink}: it is never dropped.
 *
 * <p>Production uses {@link ExecutorTaskRunner#pooled}; tests use {@link SynchronousTaskRunner}, where
 * {@code submit} returns only once the work ran and its outcome was delivered.
 */
public interface TaskRunner extends AutoCloseable {

    /**
     * Runs {@code work} in the background and hands its result to {@code onSuccess} on the UI thread;
     * a failure is reported to the error sink under {@code title}.
     */
    default <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess) {
        return submit(title, work, onSuccess, null);
    }

    /**
     * As {@link #submit(String, Work, Consumer)}, with failures handed to {@code onFailure} (on the UI
     * thread) instead of the error sink, for callers that show them themselves (a connection test's
     * status line). A null {@code onFailure} means the error sink.
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** How many submitted tasks have not finished; changes on the UI thread. */
    ReadOnlyIntegerProperty runningProperty();

    /** Stops taking tasks and cancels those not finished. */
    @Override
    void close();
}
