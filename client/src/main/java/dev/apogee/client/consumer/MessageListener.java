package dev.apogee.client.consumer;

import dev.apogee.client.message.MessageView;

/**
 * Processes messages of a {@link PushConsumer}, concurrently: several messages, also of one queue,
 * may be processed at once on the consumer's threads. An exception counts as
 * {@link ConsumeResult#RECONSUME_LATER}.
 */
@FunctionalInterface
public interface MessageListener {

    /** Processes {@code message}; a redelivered one has its original topic and {@code reconsumeTimes() > 0}. */
    ConsumeResult consume(MessageView message);
}
