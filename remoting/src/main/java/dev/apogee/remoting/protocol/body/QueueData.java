package dev.apogee.remoting.protocol.body;

import java.util.Objects;

/**
 * The queues one broker (by name) serves for a topic, as the name server publishes them in routes.
 *
 * @param brokerName     the broker group serving the queues
 * @param readQueueNums  queues consumers read
 * @param writeQueueNums queues producers write
 * @param perm           {@link TopicPerm} bits
 * @param topicSysFlag   system flag bits of the topic
 */
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {

    public QueueData {
        Objects.requireNonNull(brokerName, "brokerName");
    }

    /** The queue data a broker's topic config publishes. */
    public static QueueData of(String brokerName, TopicConfig topic) {
        return new QueueData(brokerName, topic.readQueueNums(), topic.writeQueueNums(), topic.perm(),
                topic.topicSysFlag());
    }

    /** These queues with another permission. */
    public QueueData withPerm(int newPerm) {
        return new QueueData(brokerName, readQueueNums, writeQueueNums, newPerm, topicSysFlag);
    }
}
