package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;
import dev.apogee.remoting.protocol.header.WireName;

/**
 * QUERY_MESSAGE (12): messages of a topic by key (or, with {@code _UNIQUE_KEY_QUERY=true}, by unique
 * client id) stored within a time range.
 */
public record QueryMessageRequestHeader(String topic, String key, int maxNum, long beginTimestamp, long endTimestamp,
                                        @OptionalField @WireName("_UNIQUE_KEY_QUERY") Boolean uniqueKeyQuery)
        implements CommandHeader {
}
