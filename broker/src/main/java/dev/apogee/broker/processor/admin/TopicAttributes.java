package dev.apogee.broker.processor.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The attribute changes of UPDATE_AND_CREATE_TOPIC: {@code +key=value} sets a key, {@code -key}
 * removes one, entries separated by commas (empty: no change).
 */
final class TopicAttributes {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9._-]{1,64}");
    private static final int MAX_VALUE_LENGTH = 256;

    private TopicAttributes() {
    }

    /**
     * The attributes after applying {@code changes} to {@code current}.
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    static Map<String, String> apply(Map<String, String> current, String changes) {
        Map<String, String> result = new LinkedHashMap<>(current);
        if (changes == null || changes.isBlank()) {
            return result;
        }
        for (String entry : changes.split(",")) {
            String item = entry.trim();
            if (item.startsWith("+") && item.indexOf('=') > 1) {
                String key = item.substring(1, item.indexOf('='));
                String value = item.substring(item.indexOf('=') + 1);
                check(key, item);
                if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                    throw new IllegalArgumentException("attribute '" + item + "' has an empty or too long value");
                }
                result.put(key, value);
            } else if (item.startsWith("-") && item.length() > 1) {
                String key = item.substring(1);
                check(key, item);
                result.remove(key);
            } else {
                throw new IllegalArgumentException("attribute '" + item + "' is neither +key=value nor -key");
            }
        }
        return result;
    }

    private static void check(String key, String item) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("attribute '" + item + "' has an invalid key");
        }
    }
}
