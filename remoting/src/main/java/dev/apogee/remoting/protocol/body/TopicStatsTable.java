package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/**
 * GET_TOPIC_STATS_INFO (202) answer: each queue's bounds, keyed by queue objects (see
 * {@link MessageQueueMaps}), and the topic's recent put rate.
 *
 * @param offsetTable queue to bounds
 * @param topicPutTps messages put per second, recently
 */
public record TopicStatsTable(
        @JsonSerialize(using = MessageQueueMaps.Writer.class)
        @JsonDeserialize(keyUsing = MessageQueueMaps.KeyReader.class)
        Map<MessageQueue, TopicOffset> offsetTable,
        double topicPutTps) {

    public TopicStatsTable {
        offsetTable = BodyCollections.map(offsetTable);
    }
}
