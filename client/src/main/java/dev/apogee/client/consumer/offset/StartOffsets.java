package dev.apogee.client.consumer.offset;

import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.MessageQueue;

/**
 * Where consumption of a newly taken queue starts: the stored offset if the group has one, else the
 * configured {@link StartPosition}. A retry topic without an offset is always read from its start,
 * so no redelivery is skipped.
 */
public final class StartOffsets {

    private final OffsetStore store;
    private final ConsumerRequests requests;
    private final StartPosition position;

    public StartOffsets(OffsetStore store, ConsumerRequests requests, StartPosition position) {
        this.store = store;
        this.requests = requests;
        this.position = position;
    }

    /**
     * The first offset to read of {@code queue}; blocks on broker requests.
     *
     * @throws dev.apogee.client.ClientException if a broker cannot be asked
     */
    public long of(MessageQueue queue) {
        long stored = store.readStored(queue);
        if (stored >= 0) {
            return stored;
        }
        if (queue.topic().startsWith(Topics.RETRY_PREFIX)) {
            return 0;
        }
        return switch (position.kind()) {
            case FIRST_OFFSET -> Rpc.await(requests.minOffset(queue));
            case LAST_OFFSET -> Rpc.await(requests.maxOffset(queue));
            case TIMESTAMP -> Rpc.await(requests.offsetAt(queue, position.timestamp().toEpochMilli()));
        };
    }
}
