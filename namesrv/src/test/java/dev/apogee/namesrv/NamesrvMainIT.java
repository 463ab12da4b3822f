package dev.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.namesrv.PutKVConfigRequestHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NamesrvMain} in a child JVM: it starts, serves, and stops cleanly on SIGTERM. The timeout
 * runs the test on a separate thread because reading the child's output cannot be interrupted.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamesrvMainIT {

    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)$");

    @TempDir
    Path dataDir;

    @Test
    void stopsCleanlyOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), NamesrvMain.class.getName(),
                "--port", "0", "--bind", "127.0.0.1", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true);
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            int port = -1;
            String line;
            // Stop reading at the port line: the server prints nothing more until it stops.
            while (port < 0 && (line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server did not report its port");

            try (RemotingClient client = new RemotingClient(ClientConfig.defaults("main-it"))) {
                client.start();
                RemotingCommand put = client.invokeSync("127.0.0.1:" + port, RemotingCommand.request(
                        RequestCode.PUT_KV_CONFIG, new PutKVConfigRequestHeader("ns", "k", "v")), 5_000);
                assertEquals(ResponseCode.SUCCESS, put.code());
            }

            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
            assertEquals(143, process.exitValue());
        } finally {
            process.destroyForcibly();
        }

        try (KvStore kv = KvStore.open(dataDir.resolve("namesrv"))) {
            Optional<String> value = kv.get("ns", "k");
            assertNotNull(value);
            assertEquals(Optional.of("v"), value);
        }
    }

    @Test
    void badArgumentExitsWithUsage() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), NamesrvMain.class.getName(), "--port", "x"))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(NamesrvMain.EXIT_USAGE, process.exitValue());
            assertTrue(output.startsWith("apogee-namesrv: --port needs a non-negative whole number, not 'x'"), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
