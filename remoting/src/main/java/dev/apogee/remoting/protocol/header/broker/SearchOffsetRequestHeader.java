package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29): the first offset stored at or after {@code timestamp}
 * ({@code LOWER}, the default) or the last stored at or before it ({@code UPPER}).
 */
public record SearchOffsetRequestHeader(String topic, int queueId, long timestamp,
                                        @OptionalField String boundaryType) implements CommandHeader {
}
