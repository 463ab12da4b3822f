package dev.apogee.client.consumer.push;

import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.Topics;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.util.concurrent.CompletableFuture;

/**
 * Messages that come round again: what the listener sees of a message read from the group's retry
 * topic (its original topic), and giving a failed message back to the broker for a later delivery.
 */
final class Redelivery {

    private final PushContext context;

    Redelivery(PushContext context) {
        this.context = context;
    }

    /**
     * {@code stored} as the listener should see it: a redelivery read from {@code %RETRY%group} shows
     * the topic it was first sent to; {@code localRetries} (orderly) add to its reconsume count.
     */
    MessageView forListener(MessageView stored, int localRetries) {
        String topic = stored.topic();
        String original = stored.property(MessageProperties.RETRY_TOPIC);
        if (topic.equals(Topics.RETRY_PREFIX + context.group()) && original != null) {
            topic = original;
        }
        if (topic.equals(stored.topic()) && localRetries == 0) {
            return stored;
        }
        return new MessageView(topic, stored.body(), stored.properties(), stored.messageId(),
                stored.offsetMessageId(), stored.queueId(), stored.queueOffset(), stored.commitLogOffset(),
                stored.sysFlag(), stored.bornTimestamp(), stored.bornHost(), stored.storeTimestamp(),
                stored.storeHost(), stored.reconsumeTimes() + localRetries, stored.bodyCrc());
    }

    /**
     * Gives {@code stored} (read from {@code queue}) back: to the retry topic with the delay level its
     * reconsume count calls for, or straight to the dead-letter topic. The broker moves it to the
     * dead-letter topic itself once the maximum reconsume count is reached.
     */
    CompletableFuture<Void> sendBack(MessageQueue queue, MessageView stored, String originTopic, boolean deadLetter) {
        int level = deadLetter ? -1 : context.settings().retryDelayLevel().applyAsInt(stored.reconsumeTimes());
        return context.requests().sendBack(context.group(), queue, stored, originTopic, level,
                context.settings().maxReconsumeTimes());
    }
}
