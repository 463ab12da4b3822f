package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.AdminService;
import dev.apogee.admin.task.TaskHandle;
import dev.apogee.admin.task.Work;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What every screen's view model has: a busy flag (a progress indicator binds it), a validation
 * message (shown beside the form; empty when all is well), the last task (its progress, and a cancel
 * button), and a way to run work against the live service in the background. Actions are called on
 * the UI thread; bad input sets the validation message and never throws.
 *
 * <p>The view models hand their lists out as read-only views made once (the {@code ...View} fields):
 * an unmodifiable view holds its backing list's events through a weak listener, so a view made per
 * call, with a view's listener on it, went deaf once it was garbage collected.
 */
public abstract class ScreenViewModel {

    /** Shown when an action needs a connection and there is none. */
    public static final String NOT_CONNECTED = "Connect to a cluster first";

    protected final Session session;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation", "");
    private final javafx.beans.property.ReadOnlyObjectWrapper<TaskHandle> lastTask =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "lastTask");
    private int running;

    protected ScreenViewModel(Session session) {
        this.session = session;
    }

    /** Whether a task of this screen runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is wrong with the input, or empty. */
    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** The validation message now. */
    public String validation() {
        return validation.get();
    }

    /** The task started last (bind a progress bar and a cancel button to it). */
    public javafx.beans.property.ReadOnlyObjectProperty<TaskHandle> lastTaskProperty() {
        return lastTask.getReadOnlyProperty();
    }

    /** Cancels the task started last, if it runs. */
    public void cancel() {
        TaskHandle task = lastTask.get();
        if (task != null) {
            task.cancel();
        }
    }

    /** Sets the validation message and returns false, for {@code if (...) return invalid("...")}. */
    protected boolean invalid(String message) {
        validation.set(message);
        return false;
    }

    /** Clears the validation message. */
    protected void valid() {
        validation.set("");
    }

    /** The live service, or null after setting the validation message to {@link #NOT_CONNECTED}. */
    protected AdminService serviceOrComplain() {
        AdminService service = session.service();
        if (service == null) {
            invalid(NOT_CONNECTED);
        }
        return service;
    }

    /** The work a screen runs against the service. */
    @FunctionalInterface
    protected interface ServiceWork<T> {
        T call(AdminService service, Work.Progress progress) throws Exception;
    }

    /**
     * Runs {@code work} against the live service in the background and hands its result to
     * {@code onSuccess} on the UI thread; failures go to the error dialog. Returns false (with the
     * validation message set) when not connected.
     */
    protected <T> boolean run(String title, ServiceWork<T> work, Consumer<? super T> onSuccess) {
        return run(title, work, onSuccess, null);
    }

    /** As {@link #run(String, ServiceWork, Consumer)}, failures to {@code onFailure} when it is not null. */
    protected <T> boolean run(String title, ServiceWork<T> work, Consumer<? super T> onSuccess,
                              Consumer<Throwable> onFailure) {
        AdminService service = serviceOrComplain();
        if (service == null) {
            return false;
        }
        return submit(title, progress -> work.call(service, progress), onSuccess, onFailure);
    }

    /** Runs {@code work} (not needing a connection) in the background, tracked by this screen's busy flag. */
    protected <T> boolean submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<Throwable> onFailure) {
        running++;
        busy.set(true);
        TaskHandle handle = session.tasks().submit(title, work, onSuccess, onFailure);
        lastTask.set(handle);
        handle.whenFinished(() -> {
            running--;
            busy.set(running > 0);
        });
        return true;
    }
}
