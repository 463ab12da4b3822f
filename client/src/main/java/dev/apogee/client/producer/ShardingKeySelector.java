package dev.apogee.client.producer;

import dev.apogee.client.message.Message;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Picks the queue by the hash of a sharding key, so every message with one key lands in one queue
 * (as long as the topic's queues do not change). The key's {@code hashCode()} must be stable across
 * processes: strings, numbers and records of them are; arbitrary objects are not.
 */
public final class ShardingKeySelector implements MessageQueueSelector {

    /** The one instance (it has no state). */
    public static final ShardingKeySelector INSTANCE = new ShardingKeySelector();

    private ShardingKeySelector() {
    }

    @Override
    public MessageQueue select(List<MessageQueue> queues, Message message, Object key) {
        if (key == null) {
            throw new IllegalArgumentException("an ordered send by sharding key needs a key, got null");
        }
        return queues.get(Math.floorMod(key.hashCode(), queues.size()));
    }
}
