package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BrokerFaultsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final BrokerFaults faults = new BrokerFaults(BrokerFaults.Policy.defaults(), now::get);

    @Test
    void fastSendsAvoidNothing() {
        faults.record("a", 100, false);
        assertTrue(faults.isAvailable("a"));
    }

    @Test
    void aSlowBrokerIsAvoidedInProportionToItsLatencyThenTriedAgain() {
        faults.record("a", 1_000, false);
        assertFalse(faults.isAvailable("a"));
        now.addAndGet(2_999);
        assertFalse(faults.isAvailable("a"), "1 s latency x factor 3 = 3 s");
        now.addAndGet(1);
        assertTrue(faults.isAvailable("a"));

        faults.record("b", 2_000, false);
        now.addAndGet(5_999);
        assertFalse(faults.isAvailable("b"), "twice the latency, twice the avoidance");
        now.addAndGet(1);
        assertTrue(faults.isAvailable("b"));
    }

    @Test
    void aFailedBrokerIsAvoidedForTheFailurePeriodCapped() {
        faults.record("a", 5, true);
        now.addAndGet(9_999);
        assertFalse(faults.isAvailable("a"));
        now.addAndGet(1);
        assertTrue(faults.isAvailable("a"));

        faults.record("b", 60_000, false);
        now.addAndGet(30_000);
        assertTrue(faults.isAvailable("b"), "capped at 30 s");
    }

    @Test
    void theSoonestAvailableOfAvoidedBrokersIsPreferred() {
        faults.record("a", 5, true);
        faults.record("b", 1_000, false);
        assertEquals("b", faults.soonestAvailable(List.of("a", "b")));
    }

    @Test
    void aDisabledPolicyNeverAvoids() {
        BrokerFaults none = new BrokerFaults(BrokerFaults.Policy.disabled(), now::get);
        none.record("a", 20_000, true);
        assertTrue(none.isAvailable("a"));
        assertEquals(Duration.ZERO, BrokerFaults.Policy.disabled().failurePeriod());
    }
}
