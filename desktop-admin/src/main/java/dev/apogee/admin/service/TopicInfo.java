package dev.apogee.admin.service;

/**
 * A topic in the topic list.
 *
 * @param name the topic
 * @param kind what it is for
 */
public record TopicInfo(String name, TopicKind kind) {

    /** Whether it is not an application's topic. */
    public boolean isSystem() {
        return kind.isSystem();
    }
}
