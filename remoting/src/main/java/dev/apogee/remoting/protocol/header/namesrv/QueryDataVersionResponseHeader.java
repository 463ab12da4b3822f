package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of the QUERY_DATA_VERSION response.
 *
 * @param changed true when the name server's version differs from the broker's (or it has none)
 */
public record QueryDataVersionResponseHeader(boolean changed) implements CommandHeader {
}
