package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of WIPE_WRITE_PERM_OF_BROKER (205): make a broker group read-only in every route.
 *
 * @param brokerName the broker group
 */
public record WipeWritePermOfBrokerRequestHeader(String brokerName) implements CommandHeader {
}
