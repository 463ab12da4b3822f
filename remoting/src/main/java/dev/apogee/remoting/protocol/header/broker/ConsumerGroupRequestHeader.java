package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;

/** GET_CONSUMER_LIST_BY_GROUP (38) and NOTIFY_CONSUMER_IDS_CHANGED (40). */
public record ConsumerGroupRequestHeader(String consumerGroup) implements CommandHeader {
}
