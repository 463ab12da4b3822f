package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** CHANGE_MESSAGE_INVISIBLETIME answer: the new hand-out time that later acks must name. */
public record ChangeInvisibleTimeResponseHeader(long popTime, long invisibleTime, int reviveQid)
        implements CommandHeader {
}
