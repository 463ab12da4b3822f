package dev.apogee.admin.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send from the admin.
 *
 * @param topic      the topic
 * @param tags       the tags, or null
 * @param keys       the keys
 * @param properties user properties, in order
 * @param body       the body, not empty
 */
public record OutgoingMessage(String topic, String tags, List<String> keys, Map<String, String> properties,
                              byte[] body) {

    public OutgoingMessage {
        Objects.requireNonNull(topic, "topic");
        keys = List.copyOf(keys);
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        Objects.requireNonNull(body, "body");
    }
}
