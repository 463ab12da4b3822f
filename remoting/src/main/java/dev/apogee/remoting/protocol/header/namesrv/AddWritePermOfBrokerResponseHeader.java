package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of the ADD_WRITE_PERM_OF_BROKER response.
 *
 * @param addTopicCount topics whose queues on the group were set to read-write
 */
public record AddWritePermOfBrokerResponseHeader(int addTopicCount) implements CommandHeader {
}
