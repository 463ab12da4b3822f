package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A broker's whole topic configuration with its version, as carried in a registration.
 *
 * <p>The static-topic mapping tables of 5.x are kept as raw JSON: Apogee does not interpret them,
 * but passes them through unchanged.
 *
 * @param topicConfigTable           topic name to its config
 * @param dataVersion                version of this configuration
 * @param topicQueueMappingInfoMap   5.x static-topic mapping summaries by topic; may be empty
 * @param topicQueueMappingDetailMap 5.x static-topic mapping details by topic; may be empty
 * @param mappingDataVersion         version of the mapping tables; may be null
 */
public record TopicConfigSerializeWrapper(Map<String, TopicConfig> topicConfigTable, DataVersion dataVersion,
                                          Map<String, JsonNode> topicQueueMappingInfoMap,
                                          Map<String, JsonNode> topicQueueMappingDetailMap,
                                          DataVersion mappingDataVersion) {

    public TopicConfigSerializeWrapper {
        topicConfigTable = BodyCollections.map(topicConfigTable);
        dataVersion = dataVersion == null ? DataVersion.ZERO : dataVersion;
        topicQueueMappingInfoMap = BodyCollections.map(topicQueueMappingInfoMap);
        topicQueueMappingDetailMap = BodyCollections.map(topicQueueMappingDetailMap);
    }

    /** A configuration of just these topics, without static-topic mappings. */
    public static TopicConfigSerializeWrapper of(Map<String, TopicConfig> topics, DataVersion version) {
        return new TopicConfigSerializeWrapper(topics, version, Map.of(), Map.of(), null);
    }
}
