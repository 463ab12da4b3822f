package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** GET_EARLIEST_MSG_STORETIME (32) answer. */
public record TimestampResponseHeader(long timestamp) implements CommandHeader {
}
