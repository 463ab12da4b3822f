package dev.apogee.remoting.protocol;

/**
 * The retry mark of a pop receipt and of a batch-ack entry, and the topic it names: {@code "0"} the topic
 * itself, {@code "1"} the group's pop retry topic {@code %RETRY%group_topic}, {@code "2"} its newer form
 * {@code %RETRY%group+topic}. Clients and brokers name the stored topic of an ack from it.
 */
public final class PopRetryMarks {

    /** Popped from the topic itself. */
    public static final String NORMAL = "0";
    /** Popped from {@code %RETRY%group_topic}. */
    public static final String RETRY_V1 = "1";
    /** Popped from {@code %RETRY%group+topic}. */
    public static final String RETRY_V2 = "2";

    private static final String RETRY_PREFIX = "%RETRY%";

    private PopRetryMarks() {
    }

    /**
     * The topic a message popped for {@code group} from {@code topic} with {@code mark} is stored in.
     *
     * @throws IllegalArgumentException if the mark is none of 0, 1, 2 (or absent)
     */
    public static String storedTopic(String group, String topic, String mark) {
        if (mark == null) {
            throw new IllegalArgumentException("the retry mark is missing");
        }
        return switch (mark) {
            case NORMAL -> topic;
            case RETRY_V1 -> RETRY_PREFIX + group + "_" + topic;
            case RETRY_V2 -> RETRY_PREFIX + group + "+" + topic;
            default -> throw new IllegalArgumentException("retry mark '" + mark + "' is none of 0, 1, 2");
        };
    }
}
