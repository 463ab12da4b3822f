package dev.apogee.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

/** Settings are checked when a connection is made: a bad one is a JMSException naming it, before any I/O. */
class ConnectionFactorySettingsTest {

    @Test
    void aPrefetchOutsideItsRangeIsRefusedWhenConnecting() {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://127.0.0.1:1");
        assertEquals(ProviderSettings.DEFAULT_PREFETCH, factory.settings().prefetch());
        for (int bad : new int[] {0, 33, -1}) {
            factory.setPrefetch(bad);
            JMSException refused = assertThrows(JMSException.class, factory::createConnection);
            assertTrue(refused.getMessage().contains("prefetch"), refused.getMessage());
        }
        factory.setPrefetch(1);
        assertEquals(1, factory.settings().prefetch());
    }
}
