package dev.apogee.broker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The few settings an administrator may change while the broker runs (UPDATE_BROKER_CONFIG), read
 * by the processors on every use. Everything else is fixed at start in {@link BrokerConfig}.
 *
 * <p>Only the keys in {@link #KEYS} are accepted, and only with boolean values: none of them names
 * a path, an address, a command or a credential, so no request can make the broker read or write a
 * file, run a program, or reach another host. An update naming any other key is refused whole.
 *
 * <p>Thread-safety: volatile fields; an update is applied only after all its values were checked.
 */
public final class RuntimeSettings {

    public static final String AUTO_CREATE_TOPIC = "autoCreateTopicEnable";
    public static final String AUTO_CREATE_SUBSCRIPTION_GROUP = "autoCreateSubscriptionGroup";
    /** The keys that may change at run time. */
    public static final Set<String> KEYS = Set.of(AUTO_CREATE_TOPIC, AUTO_CREATE_SUBSCRIPTION_GROUP);

    private volatile boolean autoCreateTopicEnable;
    private volatile boolean autoCreateSubscriptionGroup = true;

    public RuntimeSettings(BrokerConfig config) {
        this.autoCreateTopicEnable = config.autoCreateTopics();
    }

    /** Whether a send to an unknown topic creates it. */
    public boolean autoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    /** Whether a consumer group's first heartbeat creates its subscription group. */
    public boolean autoCreateSubscriptionGroup() {
        return autoCreateSubscriptionGroup;
    }

    /**
     * Applies an update.
     *
     * @return null if it was applied, otherwise why not (and nothing was changed)
     */
    public synchronized String update(Map<String, String> changes) {
        Set<String> refused = new TreeSet<>(changes.keySet());
        refused.removeAll(KEYS);
        if (!refused.isEmpty()) {
            return "these settings cannot be changed at run time: " + String.join(", ", refused)
                    + " (changeable: " + String.join(", ", new TreeSet<>(KEYS)) + ")";
        }
        Map<String, Boolean> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String value = change.getValue() == null ? "" : change.getValue().trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                return change.getKey() + " must be true or false, not '" + change.getValue() + "'";
            }
            parsed.put(change.getKey(), Boolean.parseBoolean(value));
        }
        parsed.forEach((key, value) -> {
            if (key.equals(AUTO_CREATE_TOPIC)) {
                autoCreateTopicEnable = value;
            } else {
                autoCreateSubscriptionGroup = value;
            }
        });
        return null;
    }

    /** The current values, by key. */
    public Map<String, String> values() {
        return Map.of(AUTO_CREATE_TOPIC, String.valueOf(autoCreateTopicEnable),
                AUTO_CREATE_SUBSCRIPTION_GROUP, String.valueOf(autoCreateSubscriptionGroup));
    }
}
