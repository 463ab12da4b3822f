package dev.apogee.broker.topic;

import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.remoting.protocol.body.TopicConfig;
import java.sql.SQLException;

/**
 * The topics the broker creates for consumer groups on first use: {@code %RETRY%<group>} and
 * {@code %DLQ%<group>}, one queue each, as on the official broker. A creation is announced to the
 * name servers (the group's clients find the topic through its route).
 *
 * <p>Thread-safety: as the topic store's; a race to create the same topic creates it once.
 */
public final class GroupTopics {

    private final TopicConfigStore topics;
    private final Runnable topicsChanged;

    /** @param topicsChanged told after a topic was created (registration re-announces the routes) */
    public GroupTopics(TopicConfigStore topics, Runnable topicsChanged) {
        this.topics = topics;
        this.topicsChanged = topicsChanged;
    }

    /** The topic's config, creating it with one queue if it does not exist. */
    public TopicConfig ensure(String topic) throws SQLException {
        TopicConfig existing = topics.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig created = topics.putIfAbsent(TopicConfig.of(topic, 1, 1));
        topicsChanged.run();
        return created;
    }
}
