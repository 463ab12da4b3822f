package dev.apogee.benchmarks.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmsSettingsTest {

    @Test
    void defaultsAreTheIssuesFigures() {
        JmsSettings settings = JmsSettings.parse(new String[0]);
        assertEquals(Duration.ofSeconds(15), settings.measure());
        assertEquals(Duration.ofSeconds(5), settings.warmUp());
        assertEquals(8, settings.threads());
        assertEquals(1024, settings.bodySize());
        assertEquals(50_000, settings.backlog());
        assertEquals(1000, settings.rate());
        assertEquals(List.of("apogee", "artemis"), settings.servers());
        assertEquals(Set.of("persistent", "non-persistent", "receive", "latency"), settings.figures());
        assertEquals(1, settings.rounds());
        assertFalse(settings.keep());
        assertEquals(0, settings.artemisBufferTimeoutNanos());
    }

    @Test
    void optionsOverrideTheDefaults() {
        JmsSettings settings = JmsSettings.parse(new String[] {"--seconds", "5", "--warmup", "2", "--messages",
            "10_000", "--servers", "artemis,apogee", "--figures", "latency", "--rounds", "3", "--keep",
            "--artemis-buffer-timeout", "3333333"});
        assertEquals(Duration.ofSeconds(5), settings.measure());
        assertEquals(Duration.ofSeconds(2), settings.warmUp());
        assertEquals(10_000, settings.backlog());
        assertEquals(List.of("artemis", "apogee"), settings.servers());
        assertEquals(Set.of("latency"), settings.figures());
        assertEquals(3, settings.rounds());
        assertTrue(settings.keep());
        assertEquals(3_333_333, settings.artemisBufferTimeoutNanos());
    }

    @Test
    void unknownServersFiguresAndOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> JmsSettings.parse(new String[] {"--servers", "apache"}));
        assertThrows(IllegalArgumentException.class, () -> JmsSettings.parse(new String[] {"--figures", "sync"}));
        assertThrows(IllegalArgumentException.class, () -> JmsSettings.parse(new String[] {"--flush", "SYNC_FLUSH"}));
        assertThrows(IllegalArgumentException.class, () -> JmsSettings.parse(new String[] {"--threads", "0"}));
    }
}
