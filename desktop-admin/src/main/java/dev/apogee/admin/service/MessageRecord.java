package dev.apogee.admin.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored message as the admin shows it.
 *
 * @param topic           the topic it is stored in
 * @param brokerName      the broker group it was read from, or null when not known (queries by id)
 * @param queueId         its queue
 * @param queueOffset     its offset in the queue
 * @param messageId       the unique client id (or the offset id when the producer set none)
 * @param offsetMessageId the store host and commit-log offset id
 * @param tags            the tags, or null
 * @param keys            the keys
 * @param bornTime        when the producer sent it
 * @param storeTime       when the broker stored it
 * @param bornHost        the producer's {@code host:port}
 * @param storeHost       the broker's {@code host:port}
 * @param reconsumeTimes  how often it was redelivered
 * @param properties      every property, system ones included, by name
 * @param userProperties  the properties that are not the system's
 * @param body            the body (decompressed)
 */
public record MessageRecord(String topic, String brokerName, int queueId, long queueOffset, String messageId,
                            String offsetMessageId, String tags, List<String> keys, Instant bornTime, Instant storeTime,
                            String bornHost, String storeHost, int reconsumeTimes, Map<String, String> properties,
                            Map<String, String> userProperties, byte[] body) {

    public MessageRecord {
        keys = List.copyOf(keys);
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        userProperties = java.util.Collections.unmodifiableMap(new TreeMap<>(userProperties));
    }

    /** The body's size in bytes. */
    public int size() {
        return body.length;
    }

    /** The system properties (everything that is not a user property), by name. */
    public Map<String, String> systemProperties() {
        Map<String, String> system = new TreeMap<>(properties);
        system.keySet().removeAll(userProperties.keySet());
        return java.util.Collections.unmodifiableMap(system);
    }

    /**
     * The topic a dead-lettered or retried message was first sent to: {@code RETRY_TOPIC} (what
     * Apache's and Apogee's brokers set on a message sent back by a consumer), else
     * {@code DLQ_ORIGIN_TOPIC} (5.x pop dead letters), else {@code REAL_TOPIC} (delayed and
     * transactional messages); null when none names an application topic.
     */
    public String originalTopic() {
        for (String property : List.of("RETRY_TOPIC", "DLQ_ORIGIN_TOPIC", "REAL_TOPIC")) {
            String topic = properties.get(property);
            if (topic != null && !topic.isBlank() && !topic.startsWith("%RETRY%") && !topic.startsWith("%DLQ%")) {
                return topic;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageRecord other && topic.equals(other.topic) && queueId == other.queueId
                && queueOffset == other.queueOffset && java.util.Objects.equals(offsetMessageId, other.offsetMessageId);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(topic, queueId, queueOffset, offsetMessageId);
    }

    @Override
    public String toString() {
        return "MessageRecord[" + topic + " " + queueId + "@" + queueOffset + ", id " + messageId + ", " + body.length
                + " bytes]";
    }
}
