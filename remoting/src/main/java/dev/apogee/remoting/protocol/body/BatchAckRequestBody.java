package dev.apogee.remoting.protocol.body;

import java.util.List;

/**
 * BATCH_ACK_MESSAGE (200151) body: many acknowledgements of popped messages in one request, one
 * {@link BatchAck} per pop they came from. The broker answers SUCCESS once it has processed them all
 * (an entry whose hand-out lapsed settles nothing, as a single stale ack would not), and NO_MESSAGE
 * for a body without entries.
 *
 * @param brokerName the broker group that handed the messages out
 * @param acks       the acknowledgements
 */
public record BatchAckRequestBody(String brokerName, List<BatchAck> acks) {
    public BatchAckRequestBody {
        acks = acks == null ? List.of() : List.copyOf(acks);
    }
}
