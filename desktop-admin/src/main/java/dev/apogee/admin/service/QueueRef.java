package dev.apogee.admin.service;

import java.util.Comparator;

/**
 * One queue of a topic on one broker group.
 *
 * @param topic      the topic
 * @param brokerName the broker group
 * @param queueId    the queue's number there
 */
public record QueueRef(String topic, String brokerName, int queueId) implements Comparable<QueueRef> {

    private static final Comparator<QueueRef> ORDER = Comparator.comparing(QueueRef::topic)
            .thenComparing(QueueRef::brokerName).thenComparingInt(QueueRef::queueId);

    @Override
    public int compareTo(QueueRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code broker-a/3}, how tables show it. */
    public String label() {
        return brokerName + "/" + queueId;
    }
}
