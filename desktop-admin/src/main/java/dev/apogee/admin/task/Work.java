package dev.apogee.admin.task;

/**
 * The background part of a task: may block (network calls), runs off the UI thread, and must not
 * touch anything a view shows; it hands its result back instead.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface Work<T> {

    /** Does the work, reporting progress and checking for cancellation through {@code progress} when it is long. */
    T call(Progress progress) throws Exception;

    /** What a running piece of work may tell its task. */
    interface Progress {

        /** Sets the progress (0..1, or negative for "unknown") and a short message; thread-safe. */
        void update(double fraction, String message);

        /** Whether the user cancelled: long work should stop soon after. */
        boolean cancelled();
    }
}
