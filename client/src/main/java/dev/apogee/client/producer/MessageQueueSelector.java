package dev.apogee.client.producer;

import dev.apogee.client.message.Message;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.List;

/**
 * Chooses the queue of an ordered send. Messages sent to one queue are stored, and consumed by an
 * orderly consumer, in the order they were sent; a selector maps what must stay in order (an order
 * id) to one queue. See {@link ShardingKeySelector}.
 */
@FunctionalInterface
public interface MessageQueueSelector {

    /**
     * The queue for {@code message}.
     *
     * @param queues the topic's writable queues, in a stable order (by broker name, then queue id)
     * @param key    what the caller passed along with the message (e.g. the order id)
     * @return one of {@code queues}
     */
    MessageQueue select(List<MessageQueue> queues, Message message, Object key);
}
