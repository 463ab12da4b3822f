package dev.apogee.admin.service;

import java.time.Instant;
import java.util.Objects;

/**
 * Where to move a group's offsets: to the first message stored at or after a time, to the oldest
 * message kept, or past the newest.
 *
 * @param kind the kind of target
 * @param time the time for {@link Kind#TIMESTAMP}, else null
 */
public record ResetTarget(Kind kind, Instant time) {

    /** The kinds of target. */
    public enum Kind { TIMESTAMP, EARLIEST, LATEST }

    public ResetTarget {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TIMESTAMP) != (time != null)) {
            throw new IllegalArgumentException("a time goes with TIMESTAMP and only with it");
        }
    }

    /** The first message stored at or after {@code time}. */
    public static ResetTarget at(Instant time) {
        return new ResetTarget(Kind.TIMESTAMP, time);
    }

    /** Each queue's oldest message kept. */
    public static ResetTarget earliest() {
        return new ResetTarget(Kind.EARLIEST, null);
    }

    /** Each queue's end: everything stored so far is skipped. */
    public static ResetTarget latest() {
        return new ResetTarget(Kind.LATEST, null);
    }
}
