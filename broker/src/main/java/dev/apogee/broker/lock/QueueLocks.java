package dev.apogee.broker.lock;

import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.transport.ChannelListener;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which client of a consumer group holds which queue, for orderly consumption: a queue is granted
 * to one client at a time, until that client unlocks it, stops renewing it for the lock lifetime
 * (RocketMQ's 60 s; clients renew every 20 s), or its connection closes.
 *
 * <p>Releasing on close goes beyond the official broker, which waits for the lifetime: a crashed
 * consumer's queues then move to the survivors at their next rebalance instead of a minute later.
 *
 * <p>Thread-safety: every method holds this object's monitor; lock calls are rare (a few per client
 * every 20 s).
 */
public final class QueueLocks implements ChannelListener {

    private record Key(String group, MessageQueue queue) {
    }

    private record Holder(String clientId, Channel channel, long renewedAt) {
    }

    private final Map<Key, Holder> holders = new HashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    public QueueLocks(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * Grants {@code clientId} every queue of {@code queues} that is free, expired or already its own
     * (renewing those).
     *
     * @return the queues the client holds among those asked for
     */
    public synchronized Set<MessageQueue> lock(String group, String clientId, Channel channel,
                                               Collection<MessageQueue> queues) {
        long now = clock.millis();
        Set<MessageQueue> granted = new HashSet<>();
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue);
            Holder holder = holders.get(key);
            if (holder == null || holder.clientId().equals(clientId) || expired(holder, now)) {
                holders.put(key, new Holder(clientId, channel, now));
                granted.add(queue);
            }
        }
        return granted;
    }

    /** Gives up the queues of {@code queues} that {@code clientId} holds; others' locks stay. */
    public synchronized void unlock(String group, String clientId, Collection<MessageQueue> queues) {
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue);
            Holder holder = holders.get(key);
            if (holder != null && holder.clientId().equals(clientId)) {
                holders.remove(key);
            }
        }
    }

    /** Whether some live client of the group holds the queue. */
    public synchronized boolean isLocked(String group, MessageQueue queue) {
        Holder holder = holders.get(new Key(group, queue));
        return holder != null && !expired(holder, clock.millis());
    }

    /** Whether any client of the group holds a live lock (the group consumes orderly). */
    public synchronized boolean anyLocked(String group) {
        long now = clock.millis();
        for (Map.Entry<Key, Holder> entry : holders.entrySet()) {
            if (entry.getKey().group().equals(group) && !expired(entry.getValue(), now)) {
                return true;
            }
        }
        return false;
    }

    /** The client holding the queue, or null. */
    public synchronized String holder(String group, MessageQueue queue) {
        Holder holder = holders.get(new Key(group, queue));
        return holder == null || expired(holder, clock.millis()) ? null : holder.clientId();
    }

    private boolean expired(Holder holder, long now) {
        return now - holder.renewedAt() > lifetime.toMillis();
    }

    @Override
    public synchronized void onClose(String remoteAddress, Channel channel) {
        holders.values().removeIf(holder -> holder.channel() == channel);
    }
}
