package dev.apogee.admin.service;

import java.util.Set;

/**
 * Tells the brokers' own topics from applications'. RocketMQ brokers register topics for their own
 * use: the auto-create template {@code TBW102}, the delay-level topic, the transaction and trace
 * topics ({@code RMQ_SYS_*}), 5.x internal ones ({@code rmq_sys_*}), and one topic named after the
 * cluster and one after each broker (brokers subscribe to them so that a send can target one).
 */
public final class SystemTopics {

    private static final Set<String> NAMED = Set.of("TBW102", "SCHEDULE_TOPIC_XXXX", "BenchmarkTest",
            "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT", "CHECKPOINT_TOPIC",
            "DefaultHeartBeatSyncerTopic", "MQ_INST_DEFAULT_TOPIC");

    private SystemTopics() {
    }

    /**
     * What {@code topic} is for.
     *
     * @param clusterAndBrokerNames the cluster and broker names of the connected cluster, whose
     *                              same-named topics are the brokers' own
     */
    public static TopicKind classify(String topic, Set<String> clusterAndBrokerNames) {
        if (topic.startsWith("%RETRY%")) {
            return TopicKind.RETRY;
        }
        if (topic.startsWith("%DLQ%")) {
            return TopicKind.DEAD_LETTER;
        }
        if (NAMED.contains(topic) || topic.startsWith("RMQ_SYS_") || topic.startsWith("rmq_sys_")
                || clusterAndBrokerNames.contains(topic)) {
            return TopicKind.SYSTEM;
        }
        return TopicKind.NORMAL;
    }

    /** Whether {@code group} is one the brokers or the official tools use, not an application's. */
    public static boolean isSystemGroup(String group) {
        return group.equals("TOOLS_CONSUMER") || group.equals("FILTERSRV_CONSUMER") || group.equals("SELF_TEST_C_GROUP")
                || group.equals("__MONITOR_CONSUMER") || group.startsWith("CID_RMQ_SYS_") || group.startsWith("CID_ONS")
                || group.startsWith("%") || group.equals("CID_SYS_RMQ_TRANS") || group.equals("CID_DefaultHeartBeatSyncer");
    }
}
