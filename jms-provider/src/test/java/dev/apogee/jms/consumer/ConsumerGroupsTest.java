package dev.apogee.jms.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {

    @Test
    void theFingerprintTellsSubscriptionsApart() {
        String base = ConsumerGroups.fingerprint("Prices", "a > 1", false);
        assertEquals(12, base.length());
        assertEquals(base, ConsumerGroups.fingerprint("Prices", "a > 1", false));
        assertNotEquals(base, ConsumerGroups.fingerprint("Prices2", "a > 1", false));
        assertNotEquals(base, ConsumerGroups.fingerprint("Prices", "a > 2", false));
        assertNotEquals(base, ConsumerGroups.fingerprint("Prices", "a > 1", true));
        assertEquals(ConsumerGroups.fingerprint("Prices", null, false), ConsumerGroups.fingerprint("Prices", "", false));
    }

    @Test
    void aGroupNameCarriesItsFingerprint() throws Exception {
        String prefix = ConsumerGroups.subscriptionPrefix(true, "client-1", "audit");
        String fingerprint = ConsumerGroups.fingerprint("Prices", null, false);
        String group = ConsumerGroups.newSubscription(true, "client-1", "audit", fingerprint);
        assertTrue(group.startsWith(prefix), group);
        assertEquals(fingerprint, ConsumerGroups.fingerprintOf(group, prefix));
        Subscriptions.Existing existing = new Subscriptions.Existing(group, fingerprint, Map.of());
        assertTrue(existing.sameAs("Prices", "", false));
        assertFalse(existing.sameAs("Prices", "x = 1", false));
        assertNull(ConsumerGroups.fingerprintOf(prefix + "mx1abc", prefix), "a group named before fingerprints");
    }
}
