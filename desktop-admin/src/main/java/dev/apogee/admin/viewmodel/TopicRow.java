package dev.apogee.admin.viewmodel;

import dev.apogee.admin.service.TopicInfo;

/**
 * A row of the topic table.
 *
 * @param topic     the topic
 * @param favourite whether the user pinned it (pinned rows come first)
 */
public record TopicRow(TopicInfo topic, boolean favourite) {

    public String name() {
        return topic.name();
    }
}
