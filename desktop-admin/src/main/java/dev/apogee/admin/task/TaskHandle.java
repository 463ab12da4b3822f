package dev.apogee.admin.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One submitted task as the UI sees it: its title, state, progress and message (all changed on the UI
 * thread, so a view may bind them), and a way to cancel it.
 */
public final class TaskHandle {

    private final String title;
    private final ReadOnlyObjectWrapper<TaskState> state = new ReadOnlyObjectWrapper<>(this, "state", TaskState.SCHEDULED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> whenFinished = new ArrayList<>();
    private volatile Future<?> future;

    TaskHandle(String title) {
        this.title = title;
    }

    /** What the task does, e.g. "Load topics". */
    public String title() {
        return title;
    }

    public ReadOnlyObjectProperty<TaskState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The state now. */
    public TaskState state() {
        return state.get();
    }

    /** 0..1, or negative while unknown (an indeterminate progress indicator). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The work's latest progress message. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Cancels the task: its result (or failure) will not be delivered, and a thread running it is
     * interrupted. Does nothing once it finished.
     */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            Future<?> running = future;
            if (running != null) {
                running.cancel(true);
            }
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Runs {@code action} on the UI thread once the task finished (at once if it has). UI thread only. */
    public void whenFinished(Runnable action) {
        if (state.get().finished()) {
            action.run();
        } else {
            whenFinished.add(action);
        }
    }

    void attach(Future<?> running) {
        this.future = running;
        if (cancelled.get()) {
            running.cancel(true);
        }
    }

    // The setters below run on the UI thread only (the runner posts them there).

    void setState(TaskState newState) {
        state.set(newState);
        if (newState.finished()) {
            List<Runnable> actions = new ArrayList<>(whenFinished);
            whenFinished.clear();
            actions.forEach(Runnable::run);
        }
    }

    void setProgress(double fraction, String text) {
        progress.set(fraction);
        message.set(text == null ? "" : text);
    }
}
