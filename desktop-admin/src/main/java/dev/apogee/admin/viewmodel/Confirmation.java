package dev.apogee.admin.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A change waiting for the user's yes: the view shows {@link #questionProperty()} in a dialog (or a
 * bar) while it is not null, and calls {@link #confirm()} or {@link #cancel()}. Nothing happens until
 * then, so a test can check that asking changes nothing.
 */
public final class Confirmation {

    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper(this, "question");
    private Runnable action;

    /** Asks {@code text}; {@code onYes} runs on {@link #confirm()}. Replaces a question not answered yet. */
    public void ask(String text, Runnable onYes) {
        this.action = onYes;
        question.set(text);
    }

    /** The question waiting for an answer, or null. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** Whether a question waits for an answer. */
    public boolean pending() {
        return action != null;
    }

    /** Yes: runs the change. Does nothing when no question waits. */
    public void confirm() {
        Runnable run = action;
        action = null;
        question.set(null);
        if (run != null) {
            run.run();
        }
    }

    /** No: forgets the change. */
    public void cancel() {
        action = null;
        question.set(null);
    }
}
