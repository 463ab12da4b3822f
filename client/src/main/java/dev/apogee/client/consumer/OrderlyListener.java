package dev.apogee.client.consumer;

import dev.apogee.client.message.MessageView;

/**
 * Processes messages of a {@link PushConsumer} in queue order: one thread at a time per queue, each
 * message after the previous one succeeded. In clustering mode the consumer holds the broker's lock
 * of a queue while it consumes it, so no other member of the group reads it meanwhile. An exception
 * counts as {@link OrderlyResult#SUSPEND}.
 */
@FunctionalInterface
public interface OrderlyListener {

    /** Processes {@code message}; the queue's next message waits until this returns SUCCESS. */
    OrderlyResult consume(MessageView message);
}
