package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of GET_KVLIST_BY_NAMESPACE (219).
 *
 * @param namespace the namespace
 */
public record GetKVListByNamespaceRequestHeader(String namespace) implements CommandHeader {
}
