package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * Header of the REGISTER_BROKER response: for a slave, where its master is.
 *
 * @param haServerAddr the master's HA address; null for a master or when no master is registered
 * @param masterAddr   the master's address; null likewise
 */
public record RegisterBrokerResponseHeader(
        @OptionalField String haServerAddr, @OptionalField String masterAddr) implements CommandHeader {
}
