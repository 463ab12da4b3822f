package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** DELETE_SUBSCRIPTIONGROUP (207); {@code cleanOffset} also removes the group's committed offsets. */
public record DeleteSubscriptionGroupRequestHeader(String groupName, @OptionalField Boolean cleanOffset)
        implements CommandHeader {
}
