package dev.apogee.admin.service;

import java.util.List;

/**
 * What a connection test finds: the clusters the name servers know and how many brokers they have.
 *
 * @param clusters    cluster names
 * @param brokerCount broker processes (masters and slaves)
 */
public record ClusterSummary(List<String> clusters, int brokerCount) {

    public ClusterSummary {
        clusters = List.copyOf(clusters);
    }
}
