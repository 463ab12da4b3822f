package dev.apogee.client.message;

import java.util.Set;

/**
 * RocketMQ's rules for topic names: 1 to 127 characters of {@code [%|a-zA-Z0-9_-]}; the broker's own
 * system topics may be read but not sent to.
 */
public final class Topics {

    /** Longest topic name the protocol accepts. */
    public static final int MAX_LENGTH = 127;
    /** The topic whose route a producer borrows for a topic the brokers do not know yet. */
    public static final String AUTO_CREATE_KEY = "TBW102";
    /** Prefix of the broker's internal topics. */
    public static final String SYSTEM_PREFIX = "rmq_sys_";
    /** Prefix of a consumer group's retry topic. */
    public static final String RETRY_PREFIX = "%RETRY%";
    /** Prefix of a consumer group's dead-letter topic. */
    public static final String DLQ_PREFIX = "%DLQ%";

    private static final Set<String> SYSTEM = Set.of(AUTO_CREATE_KEY, "SCHEDULE_TOPIC_XXXX", "BenchmarkTest",
            "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRACE_TOPIC", "RMQ_SYS_TRANS_OP_HALF_TOPIC",
            "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT", "CHECKPOINT_TOPIC");
    private static final Set<String> NOT_SENDABLE = Set.of("SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
            "RMQ_SYS_TRANS_OP_HALF_TOPIC", "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT");

    private Topics() {
    }

    /**
     * Checks the syntax of {@code topic}.
     *
     * @throws InvalidMessageException naming what is wrong
     */
    public static String checkName(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidMessageException("the topic is blank");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new InvalidMessageException("the topic " + topic.substring(0, 16) + "... is " + topic.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < topic.length(); i++) {
            if (!isValidChar(topic.charAt(i))) {
                throw new InvalidMessageException("the topic " + topic + " contains the character '" + topic.charAt(i)
                        + "'; only letters, digits, '%', '|', '_' and '-' are allowed");
            }
        }
        return topic;
    }

    /**
     * Checks that {@code topic} may be sent to: its syntax, and that it is none of the broker's own
     * topics that take no messages from clients.
     *
     * @throws InvalidMessageException naming what is wrong
     */
    public static String checkSendable(String topic) {
        checkName(topic);
        if (NOT_SENDABLE.contains(topic) || topic.startsWith(SYSTEM_PREFIX) || AUTO_CREATE_KEY.equals(topic)) {
            throw new InvalidMessageException("sending to the system topic " + topic + " is not allowed");
        }
        return topic;
    }

    /** Whether {@code topic} is one of the broker's system topics. */
    public static boolean isSystem(String topic) {
        return SYSTEM.contains(topic) || topic.startsWith(SYSTEM_PREFIX);
    }

    private static boolean isValidChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '|' || c == '_' || c == '-';
    }
}
