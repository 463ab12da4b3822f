package dev.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NamesrvArgumentsTest {

    @Test
    void defaultsMatchTheOfficialServer() throws Exception {
        NamesrvConfig config = NamesrvArguments.parse().config();

        assertEquals(9876, config.port());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(Path.of("data"), config.dataDir());
        assertEquals(Duration.ofSeconds(120), config.brokerExpiry());
        assertEquals(Path.of("data", "namesrv"), config.kvDirectory());
    }

    @Test
    void optionsWithSeparateOrInlineValues() throws Exception {
        NamesrvArguments args = NamesrvArguments.parse("--port", "0", "--bind=127.0.0.1", "--data-dir", "/tmp/x",
                "--broker-expiry=8");

        assertFalse(args.help());
        assertEquals(0, args.config().port());
        assertEquals("127.0.0.1", args.config().bindAddress());
        assertEquals(Path.of("/tmp/x"), args.config().dataDir());
        assertEquals(Duration.ofSeconds(8), args.config().brokerExpiry());
        assertEquals(Duration.ofSeconds(2), args.config().expiryScanInterval());
    }

    @Test
    void help() throws Exception {
        assertTrue(NamesrvArguments.parse("--port", "1", "--help").help());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertMessage("unknown argument '--prot'", "--prot", "1");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port needs a non-negative whole number, not 'abc'", "--port", "abc");
        assertMessage("--port must be between 0 and 65535, not 70000", "--port", "70000");
        assertMessage("--broker-expiry must be at least 1 second", "--broker-expiry", "0");
        assertMessage("unknown argument 'stray'", "stray");
    }

    private static void assertMessage(String expected, String... args) {
        NamesrvArguments.UsageException e = assertThrows(NamesrvArguments.UsageException.class,
                () -> NamesrvArguments.parse(args));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void mainPrintsUsageAndExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, NamesrvMain.run(new String[] {"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: apogee-namesrv"));

        assertEquals(NamesrvMain.EXIT_USAGE, NamesrvMain.run(new String[] {"--nope"}, o, e));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("apogee-namesrv: unknown argument '--nope'\nUsage:"), error);
    }
}
