package dev.apogee.broker.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.body.MessageQueue;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueLocksTest {

    private static final MessageQueue Q0 = new MessageQueue("orders", "b1", 0);
    private static final MessageQueue Q1 = new MessageQueue("orders", "b1", 1);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        long now = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final QueueLocks locks = new QueueLocks(Duration.ofSeconds(60), clock);
    private final EmbeddedChannel a = new EmbeddedChannel();
    private final EmbeddedChannel b = new EmbeddedChannel();

    @Test
    void aQueueHeldByOneClientIsNotGrantedToAnother() {
        assertEquals(Set.of(Q0, Q1), locks.lock("g", "A", a, List.of(Q0, Q1)));
        assertEquals(Set.of(), locks.lock("g", "B", b, List.of(Q0, Q1)));
        assertEquals("A", locks.holder("g", Q0));
        assertEquals(Set.of(Q0), locks.lock("other-group", "B", b, List.of(Q0)), "locks are per group");
    }

    @Test
    void theHolderRenewsAndALapsedLockPassesOn() {
        locks.lock("g", "A", a, List.of(Q0));
        clock.now += 50_000;
        assertEquals(Set.of(Q0), locks.lock("g", "A", a, List.of(Q0)), "renewal");
        clock.now += 50_000;
        assertEquals(Set.of(), locks.lock("g", "B", b, List.of(Q0)), "renewed 50 s ago: still held");
        clock.now += 11_000;
        assertFalse(locks.isLocked("g", Q0));
        assertEquals(Set.of(Q0), locks.lock("g", "B", b, List.of(Q0)), "lapsed after 60 s without renewal");
    }

    @Test
    void unlockReleasesOnlyTheCallersOwnLocks() {
        locks.lock("g", "A", a, List.of(Q0));
        locks.unlock("g", "B", List.of(Q0));
        assertTrue(locks.isLocked("g", Q0));
        locks.unlock("g", "A", List.of(Q0));
        assertNull(locks.holder("g", Q0));
        assertEquals(Set.of(Q0), locks.lock("g", "B", b, List.of(Q0)));
    }

    @Test
    void aClosedConnectionReleasesItsLocks() {
        locks.lock("g", "A", a, List.of(Q0, Q1));
        locks.lock("g", "B", b, List.of(new MessageQueue("orders", "b1", 2)));
        locks.onClose("peer", a);
        assertEquals(Set.of(Q0, Q1), locks.lock("g", "B", b, List.of(Q0, Q1)));
    }
}
