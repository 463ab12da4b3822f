package dev.apogee.remoting.protocol.header.namesrv;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * Header of GET_ROUTEINFO_BY_TOPIC (105).
 *
 * @param topic                  the topic
 * @param acceptStandardJsonOnly asks for standard JSON even from an old client; optional
 */
public record GetRouteInfoRequestHeader(
        String topic, @OptionalField Boolean acceptStandardJsonOnly) implements CommandHeader {
}
