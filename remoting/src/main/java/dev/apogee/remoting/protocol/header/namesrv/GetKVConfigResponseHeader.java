package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * Header of the GET_KV_CONFIG response.
 *
 * @param value the value; null when there is none
 */
public record GetKVConfigResponseHeader(@OptionalField String value) implements CommandHeader {
}
