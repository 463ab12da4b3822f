package dev.apogee.admin.task;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/**
 * A failure to show the user: what was being done, a one-line reason, and the details (the stack
 * trace) for the dialog's expandable part.
 *
 * @param title   what failed, e.g. "Load topics"
 * @param message the reason in one line, never empty
 * @param details the full story (stack trace), possibly empty
 * @param at      when it happened
 */
public record ErrorReport(String title, String message, String details, Instant at) {

    public ErrorReport {
        Objects.requireNonNull(title, "title");
        message = message == null || message.isBlank() ? "(no message)" : message;
        details = details == null ? "" : details;
        Objects.requireNonNull(at, "at");
    }

    /** A report of {@code failure} while doing {@code title}; the message is the innermost cause's that has one. */
    public static ErrorReport of(String title, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return new ErrorReport(title, describe(failure), trace.toString(), Instant.now());
    }

    /**
     * A readable one-liner for {@code failure}: its message (with the exception's simple name when it
     * has none), and the cause's message when the wrapper adds nothing of its own.
     */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        // CompletionException and friends wrap without saying anything new.
        while (shown.getCause() != null && (shown.getMessage() == null
                || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message;
    }
}
