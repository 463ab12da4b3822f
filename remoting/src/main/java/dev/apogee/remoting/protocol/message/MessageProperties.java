package dev.apogee.remoting.protocol.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties string of a message: {@code name \u0001 value \u0002}, repeated, each pair
 * terminated by char 2 (the last one too). Also the names the protocol gives meaning to.
 */
public final class MessageProperties {
    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    public static final char PROPERTY_SEPARATOR = '\u0002';

    public static final String TAGS = "TAGS";
    public static final String KEYS = "KEYS";
    public static final String UNIQ_KEY = "UNIQ_KEY";
    public static final String WAIT = "WAIT";
    public static final String DELAY = "DELAY";
    public static final String TRAN_MSG = "TRAN_MSG";
    public static final String PRODUCER_GROUP = "PGROUP";
    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QUEUE_ID = "REAL_QID";
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    public static final String CLUSTER = "CLUSTER";
    public static final String MSG_REGION = "MSG_REGION";
    public static final String TRACE_ON = "TRACE_ON";
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
    public static final String TIMER_DELAY_SEC = "TIMER_DELAY_SEC";
    public static final String TIMER_DELAY_MS = "TIMER_DELAY_MS";
    /** When a timer message is due (ms since the epoch), set by the broker. */
    public static final String TIMER_OUT_MS = "TIMER_OUT_MS";
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public static final String TRANSACTION_ID = "__transactionId__";
    public static final String RECONSUME_TIME = "RECONSUME_TIME";
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    public static final String POP_CK = "POP_CK";
    public static final String KEY_SEPARATOR = " ";

    private MessageProperties() {
    }

    /** Parses a properties string; malformed pairs (no separator) are skipped. */
    public static Map<String, String> parse(String properties) {
        Map<String, String> map = new LinkedHashMap<>();
        if (properties == null || properties.isEmpty()) {
            return map;
        }
        int start = 0;
        int length = properties.length();
        while (start < length) {
            int end = properties.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            int separator = properties.indexOf(NAME_VALUE_SEPARATOR, start);
            if (separator > start && separator < end) {
                map.put(properties.substring(start, separator), properties.substring(separator + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /** The value of one property in a properties string, without building a map; null if absent. */
    public static String find(String properties, String name) {
        if (properties == null) {
            return null;
        }
        int start = 0;
        int length = properties.length();
        while (start < length) {
            int end = properties.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            if (properties.startsWith(name, start) && start + name.length() < end
                    && properties.charAt(start + name.length()) == NAME_VALUE_SEPARATOR) {
                return properties.substring(start + name.length() + 1, end);
            }
            start = end + 1;
        }
        return null;
    }

    /** Formats properties as the wire string. */
    public static String format(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() != null) {
                text.append(property.getKey()).append(NAME_VALUE_SEPARATOR).append(property.getValue())
                        .append(PROPERTY_SEPARATOR);
            }
        }
        return text.toString();
    }

    /** The tags hash code that consume queues store: {@code String.hashCode()} of the tag, 0 if none. */
    public static long tagsCode(String tags) {
        return tags == null || tags.isEmpty() ? 0 : tags.hashCode();
    }
}
