package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** GET_BROKER_CONFIG (26) answer: the settings' version as DataVersion JSON (the body holds the settings). */
public record BrokerConfigResponseHeader(String version) implements CommandHeader {
}
