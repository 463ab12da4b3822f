package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of the WIPE_WRITE_PERM_OF_BROKER response.
 *
 * @param wipeTopicCount topics whose queues on the group lost the write permission
 */
public record WipeWritePermOfBrokerResponseHeader(int wipeTopicCount) implements CommandHeader {
}
