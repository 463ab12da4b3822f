package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** The answer to a pull: where to pull next and the queue's bounds; 0 = read from the master. */
public record PullMessageResponseHeader(long suggestWhichBrokerId, long nextBeginOffset, long minOffset,
                                        long maxOffset) implements CommandHeader {
}
