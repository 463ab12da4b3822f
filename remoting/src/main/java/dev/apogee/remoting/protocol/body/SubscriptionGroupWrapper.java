package dev.apogee.remoting.protocol.body;

import java.util.Map;

/**
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) answer: every subscription group of a broker.
 *
 * @param subscriptionGroupTable group name to its config
 * @param forbiddenTable         per-group forbidden topics (not used by Apogee: always empty)
 * @param dataVersion            version of the table
 */
public record SubscriptionGroupWrapper(Map<String, SubscriptionGroupConfig> subscriptionGroupTable,
                                       Map<String, Map<String, Integer>> forbiddenTable, DataVersion dataVersion) {

    public SubscriptionGroupWrapper {
        subscriptionGroupTable = BodyCollections.map(subscriptionGroupTable);
        forbiddenTable = BodyCollections.map(forbiddenTable);
        dataVersion = dataVersion == null ? DataVersion.ZERO : dataVersion;
    }
}
