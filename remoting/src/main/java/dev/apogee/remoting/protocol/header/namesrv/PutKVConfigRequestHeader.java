package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;

/**
 * Header of PUT_KV_CONFIG (100).
 *
 * @param namespace the namespace, e.g. {@code ORDER_TOPIC_CONFIG}
 * @param key       the key
 * @param value     the value
 */
public record PutKVConfigRequestHeader(String namespace, String key, String value) implements CommandHeader {
}
