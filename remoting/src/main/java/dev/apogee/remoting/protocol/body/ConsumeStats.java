package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/**
 * GET_CONSUME_STATS (208) answer: a consumer group's progress per queue, keyed by queue objects
 * (see {@link MessageQueueMaps}); the lag is {@code brokerOffset - consumerOffset} summed.
 *
 * @param offsetTable queue to progress
 * @param consumeTps  messages the group got per second, recently
 */
public record ConsumeStats(
        @JsonSerialize(using = MessageQueueMaps.Writer.class)
        @JsonDeserialize(keyUsing = MessageQueueMaps.KeyReader.class)
        Map<MessageQueue, OffsetWrapper> offsetTable,
        double consumeTps) {

    public ConsumeStats {
        offsetTable = BodyCollections.map(offsetTable);
    }

    /** The total lag: messages stored but not yet committed by the group. */
    public long totalDiff() {
        return offsetTable.values().stream().mapToLong(o -> o.brokerOffset() - o.consumerOffset()).sum();
    }
}
