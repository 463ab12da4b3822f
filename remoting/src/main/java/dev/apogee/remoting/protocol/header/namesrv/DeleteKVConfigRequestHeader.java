package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of DELETE_KV_CONFIG (102).
 *
 * @param namespace the namespace
 * @param key       the key
 */
public record DeleteKVConfigRequestHeader(String namespace, String key) implements CommandHeader {
}
