package dev.apogee.admin.task;

/**
 * Runs each task at once on the caller's thread and delivers its outcome before {@code submit}
 * returns: what tests use, so that a view model's action is complete when the call is.
 */
public final class SynchronousTaskRunner extends ExecutorTaskRunner {

    /** A runner reporting unhandled failures to {@code errors}. */
    public SynchronousTaskRunner(ErrorSink errors) {
        super(Runnable::run, Runnable::run, errors);
    }
}
