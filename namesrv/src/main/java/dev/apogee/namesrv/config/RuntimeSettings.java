package dev.apogee.namesrv.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name-server settings an admin may change at run time (UPDATE_NAMESRV_CONFIG). The set of keys
 * is a fixed allow-list of booleans: a request naming any other key is refused as a whole, and no
 * value is ever applied by reflection. (Setting arbitrary config keys from the wire is how
 * CVE-2023-33246 happened.)
 *
 * <p>Thread-safety: safe from any thread; an update applies all its keys or none, and readers see
 * each key's latest value.
 */
public final class RuntimeSettings {

    /** Put the order-topic config of a topic (KV namespace ORDER_TOPIC_CONFIG) into its route. */
    public static final String ORDER_MESSAGE_ENABLE = "orderMessageEnable";
    /** Answer a broker registration with the ORDER_TOPIC_CONFIG namespace. */
    public static final String RETURN_ORDER_TOPIC_CONFIG_TO_BROKER = "returnOrderTopicConfigToBroker";
    /** Answer GET_ALL_TOPIC_LIST_FROM_NAMESERVER; when false it is refused. */
    public static final String ENABLE_ALL_TOPIC_LIST = "enableAllTopicList";
    /** Answer the per-cluster and unit topic lists; when false they are refused. */
    public static final String ENABLE_TOPIC_LIST = "enableTopicList";
    /** A registration removes the broker's queues from topics it no longer lists. */
    public static final String DELETE_TOPIC_WITH_BROKER_REGISTRATION = "deleteTopicWithBrokerRegistration";

    private static final Map<String, Boolean> DEFAULTS = Map.of(
            // The official server defaults this to false; Apogee publishes the order config whenever
            // an admin has stored one, which is why one would store it.
            ORDER_MESSAGE_ENABLE, true,
            RETURN_ORDER_TOPIC_CONFIG_TO_BROKER, true,
            ENABLE_ALL_TOPIC_LIST, true,
            ENABLE_TOPIC_LIST, true,
            DELETE_TOPIC_WITH_BROKER_REGISTRATION, false);

    private final Map<String, Boolean> values = new ConcurrentHashMap<>(DEFAULTS);

    /** The keys that may be changed. */
    public static Set<String> changeableKeys() {
        return new java.util.TreeSet<>(DEFAULTS.keySet());
    }

    public boolean orderMessageEnable() {
        return values.get(ORDER_MESSAGE_ENABLE);
    }

    public boolean returnOrderTopicConfigToBroker() {
        return values.get(RETURN_ORDER_TOPIC_CONFIG_TO_BROKER);
    }

    public boolean enableAllTopicList() {
        return values.get(ENABLE_ALL_TOPIC_LIST);
    }

    public boolean enableTopicList() {
        return values.get(ENABLE_TOPIC_LIST);
    }

    public boolean deleteTopicWithBrokerRegistration() {
        return values.get(DELETE_TOPIC_WITH_BROKER_REGISTRATION);
    }

    /**
     * Applies {@code changes} after checking all of them.
     *
     * @throws SettingRejectedException if a key is not changeable or a value is not a boolean;
     *                                  nothing is changed then
     */
    public synchronized void update(Map<String, String> changes) {
        Map<String, Boolean> parsed = new TreeMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey().trim();
            if (!DEFAULTS.containsKey(key)) {
                throw new SettingRejectedException(SettingRejectedException.Reason.NOT_CHANGEABLE,
                        "'" + key + "' cannot be changed at run time; changeable: "
                                + String.join(", ", changeableKeys()));
            }
            String value = change.getValue() == null ? "" : change.getValue().trim().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new SettingRejectedException(SettingRejectedException.Reason.INVALID_VALUE,
                        "'" + key + "' must be true or false, not '" + change.getValue() + "'");
            }
            parsed.put(key, Boolean.parseBoolean(value));
        }
        values.putAll(parsed);
    }

    /** Every setting with its current value, sorted by key. */
    public Map<String, String> snapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        values.forEach((key, value) -> snapshot.put(key, value.toString()));
        return snapshot;
    }
}
