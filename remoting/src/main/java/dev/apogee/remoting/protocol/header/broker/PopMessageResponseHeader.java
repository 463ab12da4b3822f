package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * POP_MESSAGE answer: when the messages were handed out and for how long, and how many remain.
 * Without the offset infos the client builds each message's receipt from its own queue offset.
 */
public record PopMessageResponseHeader(long popTime, long invisibleTime, int reviveQid, long restNum,
                                       @OptionalField String startOffsetInfo, @OptionalField String msgOffsetInfo,
                                       @OptionalField String orderCountInfo) implements CommandHeader {
}
