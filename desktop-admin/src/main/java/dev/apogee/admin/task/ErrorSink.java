package dev.apogee.admin.task;

/** Where failures go to be shown (a dialog in the application); called on the UI thread. */
@FunctionalInterface
public interface ErrorSink {

    /** Shows or records {@code report}. Must not throw. */
    void report(ErrorReport report);
}
