package dev.apogee.remoting.protocol.body;

import java.util.Comparator;

/**
 * One queue of a topic on one broker, as clients name it in bodies and as the key of several
 * object-keyed maps (which serialize it as its JSON text).
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {

    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(MessageQueue::queueId);

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }
}
