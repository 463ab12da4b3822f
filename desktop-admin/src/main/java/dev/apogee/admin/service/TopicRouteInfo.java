package dev.apogee.admin.service;

import java.util.List;
import java.util.Map;

/**
 * Where a topic lives, as the name servers publish it.
 *
 * @param topic   the topic
 * @param brokers each broker group serving it, with its queues
 * @param ordered whether it is a globally ordered topic
 */
public record TopicRouteInfo(String topic, List<BrokerQueues> brokers, boolean ordered) {

    public TopicRouteInfo {
        brokers = List.copyOf(brokers);
    }

    /**
     * One broker group's share of a topic.
     *
     * @param brokerName  the broker group
     * @param cluster     its cluster
     * @param addresses   broker id (0: master) to {@code host:port}
     * @param readQueues  queues consumers read
     * @param writeQueues queues producers write
     * @param permission  who may read and write there
     */
    public record BrokerQueues(String brokerName, String cluster, Map<Long, String> addresses, int readQueues,
                               int writeQueues, TopicPermission permission) {

        public BrokerQueues {
            addresses = Map.copyOf(addresses);
        }
    }
}
