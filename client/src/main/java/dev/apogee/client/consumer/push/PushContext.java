package dev.apogee.client.consumer.push;

import dev.apogee.client.consumer.MessageModel;
import dev.apogee.client.consumer.PushConsumerSettings;
import dev.apogee.client.consumer.Subscription;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.consumer.offset.OffsetStore;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the parts of one push consumer share: its settings, its client id, the broker requests, the
 * offset store, the subscriptions by topic (the retry topic's included) and the scheduler that runs
 * pulls and delayed work.
 *
 * @param subVersion the subscriptions' version (when they were made), sent with every pull
 */
public record PushContext(PushConsumerSettings settings, String clientId, ConsumerRequests requests,
                          OffsetStore offsets, Map<String, Subscription> subscriptions, long subVersion,
                          ScheduledExecutorService scheduler) {

    public PushContext {
        subscriptions = Map.copyOf(subscriptions);
    }

    public String group() {
        return settings.group();
    }

    public boolean clustering() {
        return settings.model() == MessageModel.CLUSTERING;
    }
}
