package dev.apogee.client.core;

import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.HeartbeatData.ProducerData;
import java.util.List;

/**
 * Something that tells brokers which groups this client is in: a producer contributes its producer
 * group, a consumer its consumer group with its subscriptions. The runtime asks every registered
 * contributor at each heartbeat, so a change (a new subscription) goes out with the next one; call
 * {@link ClientRuntime#sendHeartbeats()} to send it at once. When the registration is closed the
 * runtime unregisters the contributor's groups from every broker.
 *
 * <p>Called on the runtime's timer thread: return quickly, from state the contributor already has.
 */
public interface HeartbeatContributor {

    /** The producer groups to announce. */
    default List<ProducerData> producers() {
        return List.of();
    }

    /** The consumer groups to announce, with their subscriptions. */
    default List<ConsumerData> consumers() {
        return List.of();
    }
}
