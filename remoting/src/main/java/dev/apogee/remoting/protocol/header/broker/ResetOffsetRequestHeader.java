package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;
import dev.apogee.remoting.protocol.header.WireName;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222) from the admin tool, and RESET_CONSUMER_CLIENT_OFFSET (220)
 * from the broker to a group's consumers. The consumers require {@code isForce} to be present, so a
 * header sent to them always carries it.
 *
 * @param timestamp the store time to rewind to; -1 means the queue's end
 * @param queueId   one queue (5.x), or absent / negative for every queue
 * @param offset    an explicit offset for {@code queueId} (5.x); absent or -1 for "by timestamp"
 * @param force     rewind forward as well as backward (otherwise an offset only moves back)
 */
public record ResetOffsetRequestHeader(String topic, String group, long timestamp,
                                       @OptionalField Integer queueId, @OptionalField Long offset,
                                       @WireName("isForce") @OptionalField Boolean force) implements CommandHeader {
}
