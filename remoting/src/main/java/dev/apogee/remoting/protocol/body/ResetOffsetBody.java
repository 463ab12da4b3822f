package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/**
 * The new offset of each queue: the body of RESET_CONSUMER_CLIENT_OFFSET (220) sent to consumers,
 * and of the INVOKE_BROKER_TO_RESET_OFFSET (222) answer. Keyed by queue objects (see
 * {@link MessageQueueMaps}).
 *
 * @param offsetTable queue to its new offset
 */
public record ResetOffsetBody(
        @JsonSerialize(using = MessageQueueMaps.Writer.class)
        @JsonDeserialize(keyUsing = MessageQueueMaps.KeyReader.class)
        Map<MessageQueue, Long> offsetTable) {

    public ResetOffsetBody {
        offsetTable = BodyCollections.map(offsetTable);
    }
}
