package dev.apogee.admin.service;

/** What a topic is for; everything but {@link #NORMAL} is hidden from the topic list by default. */
public enum TopicKind {
    /** An application's topic. */
    NORMAL,
    /** One of the brokers' own (TBW102, SCHEDULE_TOPIC_XXXX, RMQ_SYS_*, rmq_sys_*, a cluster's or broker's name ...). */
    SYSTEM,
    /** A consumer group's retry topic, {@code %RETRY%<group>}. */
    RETRY,
    /** A consumer group's dead-letter topic, {@code %DLQ%<group>}. */
    DEAD_LETTER;

    /** Whether it is not an application's topic. */
    public boolean isSystem() {
        return this != NORMAL;
    }
}
