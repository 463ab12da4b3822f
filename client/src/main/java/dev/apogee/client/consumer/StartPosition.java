package dev.apogee.client.consumer;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a consumer starts reading a queue for which its group has no committed offset yet. A group
 * with an offset always resumes from it. (Brokers answer "offset 0" for a queue that still holds its
 * first message, as RocketMQ's do, so on a young topic a new group starts at the beginning whatever
 * this says; broadcasting consumers, whose offsets are local, always apply it.)
 *
 * @param kind      which rule
 * @param timestamp for {@link Kind#TIMESTAMP}: the first message stored at or after it
 */
public record StartPosition(Kind kind, Instant timestamp) {

    /** The rules RocketMQ calls CONSUME_FROM_LAST_OFFSET, CONSUME_FROM_FIRST_OFFSET and CONSUME_FROM_TIMESTAMP. */
    public enum Kind {
        LAST_OFFSET, FIRST_OFFSET, TIMESTAMP
    }

    /** Only messages that arrive from now on (the default). */
    public static final StartPosition LAST = new StartPosition(Kind.LAST_OFFSET, null);
    /** Everything the queue still holds. */
    public static final StartPosition FIRST = new StartPosition(Kind.FIRST_OFFSET, null);

    public StartPosition {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TIMESTAMP) != (timestamp != null)) {
            throw new IllegalArgumentException("a timestamp goes with the TIMESTAMP position and only with it");
        }
    }

    /** Messages stored at or after {@code time}. */
    public static StartPosition timestamp(Instant time) {
        return new StartPosition(Kind.TIMESTAMP, Objects.requireNonNull(time, "time"));
    }

    /** The name of the rule in heartbeats ({@code CONSUME_FROM_...}). */
    public String wireName() {
        return switch (kind) {
            case LAST_OFFSET -> "CONSUME_FROM_LAST_OFFSET";
            case FIRST_OFFSET -> "CONSUME_FROM_FIRST_OFFSET";
            case TIMESTAMP -> "CONSUME_FROM_TIMESTAMP";
        };
    }
}
