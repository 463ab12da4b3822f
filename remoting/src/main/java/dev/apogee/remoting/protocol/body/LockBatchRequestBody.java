package dev.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) body: the queues a client of a group wants to lock
 * (orderly consumption) or gives up.
 */
public record LockBatchRequestBody(String consumerGroup, String clientId, boolean onlyThisBroker,
                                   Set<MessageQueue> mqSet) {
    public LockBatchRequestBody {
        mqSet = mqSet == null ? Set.of() : Set.copyOf(mqSet);
    }
}
