package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of GET_KV_CONFIG (101).
 *
 * @param namespace the namespace
 * @param key       the key
 */
public record GetKVConfigRequestHeader(String namespace, String key) implements CommandHeader {
}
