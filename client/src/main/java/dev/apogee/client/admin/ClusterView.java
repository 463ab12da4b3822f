package dev.apogee.client.admin;

import java.util.List;

/**
 * A cluster and its brokers, masters first within each group, groups in name order.
 *
 * @param name    the cluster name
 * @param brokers its brokers
 */
public record ClusterView(String name, List<BrokerView> brokers) {

    public ClusterView {
        brokers = List.copyOf(brokers);
    }
}
