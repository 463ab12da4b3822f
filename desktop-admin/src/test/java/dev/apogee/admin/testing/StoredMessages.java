package dev.apogee.admin.testing;

import dev.apogee.client.NoRouteException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicQueueStats;
import dev.apogee.remoting.testing.Await;

/** Waits for messages to be in a topic's queues, for the admin app's test fixtures. */
public final class StoredMessages {

    private StoredMessages() {
    }

    /**
     * Waits until {@code topic}'s queues hold at least {@code messages} (dispatch is asynchronous). A topic
     * the broker made itself (a dead-letter topic) has no route until its next registration: that is waited out.
     */
    public static void await(AdminClient checker, String topic, long messages) {
        Await.until(messages + " messages in " + topic, () -> {
            try {
                return checker.topics().stats(topic).stream().mapToLong(TopicQueueStats::maxOffset).sum() >= messages;
            } catch (NoRouteException notYet) {
                return false;
            }
        });
    }
}
