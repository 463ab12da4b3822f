package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** VIEW_MESSAGE_BY_ID (33): the record at a commit-log offset (decoded from an offset message id). */
public record ViewMessageRequestHeader(@OptionalField String topic, long offset) implements CommandHeader {
}
