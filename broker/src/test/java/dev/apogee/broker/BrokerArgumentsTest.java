package dev.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.FlushMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BrokerArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutArguments() throws Exception {
        BrokerConfig config = BrokerArguments.parse(new String[0]).config();
        assertEquals(BrokerConfig.DEFAULT_PORT, config.listenPort());
        assertEquals(List.of("127.0.0.1:9876"), config.nameServers());
        assertEquals(FlushMode.ASYNC_FLUSH, config.flushMode());
    }

    @Test
    void fileSettingsAreOverriddenByOptions() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "name=broker-b\nport=20911\nflush=SYNC_FLUSH\nnamesrv=10.0.0.1:9876;10.0.0.2:9876\n");
        BrokerArguments arguments = BrokerArguments.parse(new String[] {"--config", file.toString(), "--port", "30911",
                "--auto-create-topics", "false"});
        BrokerConfig config = arguments.config();
        assertEquals("broker-b", config.brokerName());
        assertEquals(30911, config.listenPort());
        assertEquals(FlushMode.SYNC_FLUSH, config.flushMode());
        assertEquals(List.of("10.0.0.1:9876", "10.0.0.2:9876"), config.nameServers());
        assertFalse(config.autoCreateTopics());
        String described = BrokerArguments.describe(config);
        assertTrue(described.contains("port=30911\n"), described);
    }

    @Test
    void wrongArgumentsAreExplained() throws Exception {
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"--port", "x"}));
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"--port", "70000"}));
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"--bogus", "1"}));
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"--flush", "sometimes"}));
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"--namesrv", "nohost"}));
        assertThrows(BrokerArguments.UsageException.class, () -> BrokerArguments.parse(new String[] {"stray"}));
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "rocketmqHome=/etc\n");
        BrokerArguments.UsageException unknown = assertThrows(BrokerArguments.UsageException.class,
                () -> BrokerArguments.parse(new String[] {"--config", file.toString()}));
        assertTrue(unknown.getMessage().contains("rocketmqHome"));
        assertThrows(BrokerArguments.UsageException.class,
                () -> BrokerArguments.parse(new String[] {"--segment-size", "4096"}), "below 1 MiB");
        assertThrows(BrokerArguments.UsageException.class,
                () -> BrokerArguments.parse(new String[] {"--transaction-check-max", "0"}), "at least one check");
        assertThrows(BrokerArguments.UsageException.class,
                () -> BrokerArguments.parse(new String[] {"--property-filter", "maybe"}));
    }

    @Test
    void deliverySettingsAndTheSegmentSizeAreOptionsToo() throws Exception {
        BrokerConfig config = BrokerArguments.parse(new String[] {"--segment-size", "268435456",
            "--transaction-check-interval", "5000", "--transaction-timeout", "2000", "--transaction-check-max", "3",
            "--timer-max-delay", "60000", "--property-filter", "false"}).config();
        assertEquals(268_435_456, config.commitLogSegmentSize());
        assertEquals(java.time.Duration.ofSeconds(5), config.tuning().transactionCheckInterval());
        assertEquals(java.time.Duration.ofSeconds(2), config.tuning().transactionTimeout());
        assertEquals(3, config.tuning().transactionCheckMax());
        assertEquals(java.time.Duration.ofMinutes(1), config.tuning().timerMaxDelay());
        assertFalse(config.tuning().propertyFilter());
        String described = BrokerArguments.describe(config);
        assertTrue(described.contains("segment-size=268435456\n") && described.contains("property-filter=false\n"),
                described);
        assertEquals(config, BrokerArguments.parse(described.lines().filter(l -> !l.isBlank())
                .flatMap(l -> java.util.stream.Stream.of("--" + l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)))
                .toArray(String[]::new)).config(), "the printed settings read back as the same settings");
    }
}
