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
    }
}
