package dev.apogee.admin.store;

import java.time.Instant;

/**
 * A query the user ran, to run again.
 *
 * @param id           the store's id
 * @param connectionId the saved connection it ran on
 * @param kind         what kind of query
 * @param topic        the topic
 * @param text         the key or message id; empty for a time range query
 * @param begin        the range's start, or null
 * @param end          the range's end, or null
 * @param ranAt        when it ran last
 */
public record QueryHistoryEntry(long id, long connectionId, QueryKind kind, String topic, String text, Instant begin,
                                Instant end, Instant ranAt) {
}
