package dev.apogee.admin.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the admin's screens ask of a cluster, as plain values: one instance per live connection,
 * closed when the user disconnects or switches. Calls block and may take seconds (network), so view
 * models call them only through the task runner; they fail with unchecked exceptions whose messages
 * are meant for the user (the client's, with the broker's code and remark).
 *
 * <p>Nothing here consumes a message or moves a group's offset, except the two explicit changes
 * {@link #resetOffsets} and the topic changes.
 */
public interface AdminService extends AutoCloseable {

    /** The name servers this service talks to, as the user gave them. */
    ConnectionSpec connection();

    /** The clusters and how many brokers they have: the connection test. */
    ClusterSummary ping();

    /** Every broker with its version, role and figures; one that does not answer has a {@code problem}. */
    List<BrokerInfo> brokers();

    /** The names of the clusters the name servers know. */
    List<String> clusterNames();

    /** Every topic, classified (system, retry, dead-letter or an application's), by name. */
    List<TopicInfo> topics();

    /** Creates a topic, or changes it, on every master of {@code cluster}. */
    void createOrUpdateTopic(String cluster, TopicDefinition topic);

    /** Deletes a topic from every master of {@code cluster} and from the name servers. */
    void deleteTopic(String cluster, String topic);

    /** The topic's route now. */
    TopicRouteInfo route(String topic);

    /** Every queue of the topic with its min/max offsets and last store time, by broker and queue id. */
    List<QueueOffsets> queueOffsets(String topic);

    /** The messages of {@code queue} in {@code [from, to)} (at most 1024), read without consuming anything. */
    List<MessageRecord> browse(QueueRef queue, long from, long to);

    /** The offset of the first message of {@code queue} stored at or after {@code time}. */
    long offsetAt(QueueRef queue, Instant time);

    /** Messages of {@code topic} with {@code key}, stored in {@code [begin, end]}, oldest first, at most {@code max}. */
    List<MessageRecord> queryByKey(String topic, String key, Instant begin, Instant end, int max);

    /**
     * The message(s) with {@code id}, which may be an offset id or a unique client id; which one is
     * decided by whether it decodes to the address of one of this cluster's brokers.
     */
    IdQueryResult queryById(String topic, String id);

    /** Messages of {@code topic} stored in {@code [begin, end)}, oldest first, at most {@code max}. */
    List<MessageRecord> queryByTime(String topic, Instant begin, Instant end, int max);

    /** Every consumer group with its total lag, consume TPS and members online. */
    List<GroupSummary> groups();

    /** One group's per-queue progress, members and subscriptions. */
    GroupDetail group(String group);

    /** What {@link #resetOffsets} would change, computed by reading only. */
    List<OffsetChange> previewReset(String group, String topic, ResetTarget target);

    /** Moves the group's offsets on {@code topic} to {@code target}; returns what changed. */
    List<OffsetChange> resetOffsets(String group, String topic, ResetTarget target);

    /** Sends a message. */
    SendReceipt send(OutgoingMessage message);

    /** Sends a copy of {@code message} (body, tags, keys, user properties) to {@code topic}. */
    SendReceipt resend(MessageRecord message, String topic);

    /** The newest messages of {@code group}'s dead-letter topic, at most {@code max}; none if it has no such topic. */
    List<MessageRecord> deadLetters(String group, int max);

    /** The cluster and broker names, whose same-named topics are the brokers' own. */
    Set<String> clusterAndBrokerNames();

    /** Closes the connections. */
    @Override
    void close();
}
