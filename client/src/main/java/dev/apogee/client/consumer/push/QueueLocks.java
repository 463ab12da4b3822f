package dev.apogee.client.consumer.push;

import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The brokers' queue locks that orderly consumption in clustering mode holds: taken before a queue is
 * consumed, renewed periodically (brokers let an unrenewed lock expire), given back when the queue is
 * given up or the consumer closes. A lock the broker did not confirm is marked lost, which stops
 * consumption of the queue until it is confirmed again.
 */
final class QueueLocks {

    private static final Logger LOG = LogManager.getLogger(QueueLocks.class);

    private final PushContext context;

    QueueLocks(PushContext context) {
        this.context = context;
    }

    /** Locks {@code queue}'s queue on its broker now; whether it is held. */
    boolean lock(ProcessQueue queue) {
        MessageQueue mq = queue.queue();
        try {
            Set<MessageQueue> held = Rpc.await(context.requests().lock(mq.brokerName(), context.group(),
                    context.clientId(), Set.of(mq)));
            boolean ok = held.contains(mq);
            queue.locked(ok, System.currentTimeMillis());
            if (!ok) {
                LOG.info("{} is still locked by another member of group {}; trying again at the next rebalance", mq,
                        context.group());
            }
            return ok;
        } catch (RuntimeException e) {
            LOG.warn("locking {} for group {} failed: {}", mq, context.group(), e.getMessage());
            return false;
        }
    }

    /** Renews the locks of {@code queues}, one request per broker. */
    void renew(Collection<ProcessQueue> queues) {
        Map<String, Map<MessageQueue, ProcessQueue>> byBroker = new HashMap<>();
        for (ProcessQueue queue : queues) {
            if (!queue.isDropped()) {
                byBroker.computeIfAbsent(queue.queue().brokerName(), key -> new HashMap<>()).put(queue.queue(), queue);
            }
        }
        for (Map.Entry<String, Map<MessageQueue, ProcessQueue>> broker : byBroker.entrySet()) {
            Map<MessageQueue, ProcessQueue> mine = broker.getValue();
            try {
                Set<MessageQueue> held = Rpc.await(context.requests().lock(broker.getKey(), context.group(),
                        context.clientId(), new HashSet<>(mine.keySet())));
                long now = System.currentTimeMillis();
                mine.forEach((mq, queue) -> {
                    queue.locked(held.contains(mq), now);
                    if (!held.contains(mq)) {
                        LOG.warn("group {} lost the lock of {}; its consumption pauses", context.group(), mq);
                    }
                });
            } catch (RuntimeException e) {
                // Keep the marks: a lock not confirmed in time ages out (lockMaxAge) and stops consumption.
                LOG.warn("renewing locks on {} for group {} failed: {}", broker.getKey(), context.group(),
                        e.getMessage());
            }
        }
    }

    /** Gives the locks of {@code queues} back, waiting at most the request timeout. */
    void unlock(Collection<MessageQueue> queues) {
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        for (MessageQueue mq : queues) {
            byBroker.computeIfAbsent(mq.brokerName(), key -> new HashSet<>()).add(mq);
        }
        byBroker.forEach((broker, mine) -> {
            try {
                Rpc.await(context.requests().unlock(broker, context.group(), context.clientId(), mine));
            } catch (RuntimeException e) {
                LOG.warn("unlocking {} for group {} failed (the broker lets the lock expire): {}", mine,
                        context.group(), e.getMessage());
            }
        });
    }
}
