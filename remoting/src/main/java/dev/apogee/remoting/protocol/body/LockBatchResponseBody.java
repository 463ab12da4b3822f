package dev.apogee.remoting.protocol.body;

import java.util.Set;
import java.util.TreeSet;

/** LOCK_BATCH_MQ (41) answer: the requested queues that the client now holds. */
public record LockBatchResponseBody(Set<MessageQueue> lockOKMQSet) {
    public LockBatchResponseBody {
        lockOKMQSet = lockOKMQSet == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(lockOKMQSet));
    }
}
