package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The route of a topic: which broker groups serve it with how many queues, and where they are.
 * Body of a successful GET_ROUTEINFO_BY_TOPIC.
 *
 * @param orderTopicConf            global-order configuration {@code "brokerName:queueNum;..."}; may be null
 * @param queueDatas                queues per broker group
 * @param brokerDatas               the broker groups named in {@code queueDatas}
 * @param filterServerTable         broker address to its filter servers (legacy, normally empty)
 * @param topicQueueMappingByBroker 5.x static-topic mapping by broker name, raw JSON; may be null
 */
public record TopicRouteData(String orderTopicConf, List<QueueData> queueDatas, List<BrokerData> brokerDatas,
                             Map<String, List<String>> filterServerTable,
                             Map<String, JsonNode> topicQueueMappingByBroker) {

    public TopicRouteData {
        queueDatas = BodyCollections.list(queueDatas);
        brokerDatas = BodyCollections.list(brokerDatas);
        filterServerTable = BodyCollections.map(filterServerTable);
        topicQueueMappingByBroker = topicQueueMappingByBroker == null || topicQueueMappingByBroker.isEmpty()
                ? null : BodyCollections.map(topicQueueMappingByBroker);
    }

    /** This route with the global-order configuration set. */
    public TopicRouteData withOrderTopicConf(String conf) {
        return new TopicRouteData(conf, queueDatas, brokerDatas, filterServerTable, topicQueueMappingByBroker);
    }
}
