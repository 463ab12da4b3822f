package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of ADD_WRITE_PERM_OF_BROKER (327): make a broker group read-write again.
 *
 * @param brokerName the broker group
 */
public record AddWritePermOfBrokerRequestHeader(String brokerName) implements CommandHeader {
}
