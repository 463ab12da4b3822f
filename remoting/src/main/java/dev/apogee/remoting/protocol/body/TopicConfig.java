package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * A topic as a broker configures it, sent to the name server in every registration.
 *
 * <p>Absent JSON fields take the official defaults (16 read and write queues, read-write
 * permission, {@code SINGLE_TAG}), not zero, because that is what a fastjson peer means by leaving
 * them out.
 *
 * @param topicName       the topic
 * @param readQueueNums   queues consumers read
 * @param writeQueueNums  queues producers write
 * @param perm            {@link TopicPerm} bits
 * @param topicFilterType {@code SINGLE_TAG} or {@code MULTI_TAG}; informational
 * @param topicSysFlag    system flag bits (unit / unit-sub)
 * @param order           whether the topic is ordered
 * @param attributes      5.x topic attributes, e.g. {@code message.type}
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm,
                          String topicFilterType, int topicSysFlag, boolean order, Map<String, String> attributes) {

    public static final int DEFAULT_QUEUE_NUMS = 16;
    public static final String SINGLE_TAG = "SINGLE_TAG";

    public TopicConfig {
        Objects.requireNonNull(topicName, "topicName");
        topicFilterType = topicFilterType == null ? SINGLE_TAG : topicFilterType;
        attributes = BodyCollections.map(attributes);
    }

    /** A plain read-write topic with the given queue counts. */
    public static TopicConfig of(String topicName, int readQueueNums, int writeQueueNums) {
        return new TopicConfig(topicName, readQueueNums, writeQueueNums, TopicPerm.READ_WRITE, SINGLE_TAG, 0, false,
                Map.of());
    }

    @JsonCreator
    static TopicConfig fromJson(@JsonProperty("topicName") String topicName,
                                @JsonProperty("readQueueNums") Integer readQueueNums,
                                @JsonProperty("writeQueueNums") Integer writeQueueNums,
                                @JsonProperty("perm") Integer perm,
                                @JsonProperty("topicFilterType") String topicFilterType,
                                @JsonProperty("topicSysFlag") Integer topicSysFlag,
                                @JsonProperty("order") Boolean order,
                                @JsonProperty("attributes") Map<String, String> attributes) {
        return new TopicConfig(topicName,
                readQueueNums == null ? DEFAULT_QUEUE_NUMS : readQueueNums,
                writeQueueNums == null ? DEFAULT_QUEUE_NUMS : writeQueueNums,
                perm == null ? TopicPerm.READ_WRITE : perm,
                topicFilterType, topicSysFlag == null ? 0 : topicSysFlag, order != null && order, attributes);
    }

    /** This topic with another permission. */
    public TopicConfig withPerm(int newPerm) {
        return new TopicConfig(topicName, readQueueNums, writeQueueNums, newPerm, topicFilterType, topicSysFlag, order,
                attributes);
    }
}
