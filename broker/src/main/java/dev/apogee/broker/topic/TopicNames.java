package dev.apogee.broker.topic;

import java.util.Set;

/** The rules for topic names, and the system topics producers may not send to. */
public final class TopicNames {

    /** The key topic a producer falls back to for a topic with no route yet (auto-creation). */
    public static final String AUTO_CREATE_KEY = "TBW102";
    public static final String SELF_TEST = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final int MAX_LENGTH = 127;
    private static final Set<String> SYSTEM = Set.of("SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
            "RMQ_SYS_TRANS_OP_HALF_TOPIC", "rmq_sys_wheel_timer", OFFSET_MOVED_EVENT, AUTO_CREATE_KEY);

    private TopicNames() {
    }

    /** Null if the name is valid, otherwise why not. */
    public static String problem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "the topic name is empty";
        }
        if (topic.length() > MAX_LENGTH) {
            return "the topic name is longer than " + MAX_LENGTH + " characters";
        }
        if (!allowedCharacters(topic)) {
            return "the topic name '" + topic + "' has characters other than letters, digits, %, |, _ and -";
        }
        return null;
    }

    /** Letters, digits, %, |, _ and - only; checked on every send, so without a regex matcher. */
    private static boolean allowedCharacters(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '|' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether producers are refused: topics the broker itself writes. */
    public static boolean isSystem(String topic) {
        return SYSTEM.contains(topic) || topic.startsWith("rmq_sys_");
    }
}
