package dev.apogee.broker.pop;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hand-outs of one queue to the consumers of one group in pop mode. Every offset below
 * {@link #cursor} was either acknowledged or is in {@link #leases}: handed out and invisible until
 * its deadline, or waiting to be handed out (again). So the acknowledged prefix, the group's
 * committed offset, is the first leased offset, or the cursor if none.
 *
 * <p>Thread-safety: not thread-safe; {@link PopLeases} calls it under this object's monitor.
 */
final class QueueLeases {

    /** One message handed out or waiting: the current hand-out's time and deadline, and how often it went out. */
    static final class Lease {
        long popTime;
        long visibleAt;
        int deliveries;

        Lease(long popTime, long visibleAt, int deliveries) {
            this.popTime = popTime;
            this.visibleAt = visibleAt;
            this.deliveries = deliveries;
        }
    }

    final TreeMap<Long, Lease> leases = new TreeMap<>();
    long cursor = -1;

    boolean initialized() {
        return cursor >= 0;
    }

    /** The group's committed offset: nothing before it is outstanding. */
    long ackedUpTo() {
        return leases.isEmpty() ? cursor : Math.min(cursor, leases.firstKey());
    }

    /** Whether a hand-out is still invisible (orderly pop hands out one batch per queue at a time). */
    boolean anyInvisible(long now) {
        for (Lease lease : leases.values()) {
            if (lease.visibleAt > now) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every hand-out and the position: the next pop starts again from the committed offset. */
    void forgetAll() {
        leases.clear();
        cursor = -1;
    }

    /** Forgets offsets that retention removed. */
    void dropBelow(long minOffset) {
        if (cursor < minOffset) {
            cursor = minOffset;
        }
        for (Iterator<Map.Entry<Long, Lease>> it = leases.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey() < minOffset) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
