package dev.apogee.jms.consumer;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.message.ProviderProperties;
import java.util.Map;

/** The copy of a message that goes to the dead-letter queue after too many deliveries. */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * {@code view} addressed to {@code queue}: body, properties, tags and keys as they were, the same unique id
     * (so JMSMessageID stays), and where it was consumed from in {@link ApogeeMessageConsumer#ORIGINAL_DESTINATION}.
     */
    static Message copyFor(String queue, MessageView view, ApogeeDestination from) {
        Message dead = Message.of(queue, view.body());
        for (Map.Entry<String, String> property : view.userProperties().entrySet()) {
            dead = dead.property(property.getKey(), property.getValue());
        }
        if (view.tags() != null) {
            dead = dead.tags(view.tags());
        }
        if (!view.keys().isEmpty()) {
            dead = dead.keys(view.keys());
        }
        // Written as the mapping writes a JMS_Apogee_ name the application reads (JMS_Apogee_P_ + name).
        return dead.property(ProviderProperties.ESCAPED + ApogeeMessageConsumer.ORIGINAL_DESTINATION,
                from.kind().wireName() + ":" + from.name()).uniqueId(view.messageId());
    }
}
