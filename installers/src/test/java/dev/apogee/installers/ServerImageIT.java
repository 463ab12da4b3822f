package dev.apogee.installers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server image the installers profile built: its {@code standalone} launcher starts with the
 * image's own runtime, a message goes through it with Apogee's client, and SIGTERM stops it cleanly.
 */
@Timeout(180)
class ServerImageIT {

    private static final Path DEST = Path.of(System.getProperty("apogee.installers.dest", "target/installers"));
    private static final Path IMAGE = DEST.resolve(Packager.SERVER_NAME);
    private static final Pattern STARTED = Pattern.compile("name server on port (\\d+), broker (\\S+) on (\\S+)");

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDebianPackageInstallsTheImageUnderOptWithoutDesktopLibraries() throws Exception {
        Path deb;
        try (var files = Files.list(DEST)) {
            deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")
                    && p.getFileName().toString().startsWith(Packager.SERVER_NAME)).findFirst().orElse(null);
        }
        // Only Linux machines with dpkg-deb and fakeroot make one (.ci/run installs both).
        org.junit.jupiter.api.Assumptions.assumeTrue(Packager.debTools(), "no dpkg-deb and fakeroot here");
        assertTrue(deb != null, "a .deb in " + DEST);
        String contents = Commands.run("dpkg-deb", "--contents", deb.toString());
        for (String path : List.of("./opt/apogee-server/bin/standalone", "./opt/apogee-server/bin/broker",
                "./opt/apogee-server/bin/namesrv", "./opt/apogee-server/lib/app/systemd/apogee-standalone.service",
                "./opt/apogee-server/lib/app/conf/broker.properties")) {
            assertTrue(contents.contains(path), path + " in the package");
        }
        String depends = Commands.run("dpkg-deb", "--field", deb.toString(), "Depends");
        assertTrue(!depends.contains("libx11") && !depends.contains("libasound"),
                "a server package needs no X11 or sound libraries: " + depends);
        System.out.println(deb.getFileName() + ": " + (Files.size(deb) >> 20) + " MB, depends on " + depends.trim());
    }


    @Test
    void theStandaloneLauncherServesAMessageAndStopsCleanly() throws Exception {
        Path launcher = IMAGE.resolve("bin").resolve("standalone");
        assertTrue(Files.isExecutable(launcher), "the image has a standalone launcher: " + launcher);
        for (String other : List.of("broker", "namesrv", Packager.SERVER_NAME)) {
            assertTrue(Files.isExecutable(IMAGE.resolve("bin").resolve(other)), other + " launcher");
        }
        assertTrue(Files.isRegularFile(IMAGE.resolve("lib/app/conf/log4j2.xml")), "logging configuration");
        assertTrue(Files.isRegularFile(IMAGE.resolve("lib/app/systemd/apogee-broker.service")), "systemd units");
        long megabytes = Packager.megabytes(IMAGE);
        System.out.println("server image: " + megabytes + " MB");
        assertTrue(megabytes < 120, "the image stays small (its own trimmed runtime): " + megabytes + " MB");

        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--namesrv-port", "0", "--port", "0",
                "--host", "127.0.0.1").redirectErrorStream(true);
        builder.environment().put("APOGEE_DATA_DIR", data.toString());
        builder.environment().put("APOGEE_LOG_DIR", logs.toString());
        server = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(server, lines), "server-image-output");
        reader.setDaemon(true);
        reader.start();

        String namesrv = awaitStarted(lines);
        try (Producer producer = Producer.builder().nameServers(namesrv).group("image-producer").build();
             PopConsumer consumer = PopConsumer.builder().nameServers(namesrv).group("image-consumer").build()) {
            SendResult sent = producer.send(Message.of("ImageTopic", "through the image".getBytes(UTF_8)).keys("k1"));
            List<ReceivedMessage> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                received.addAll(consumer.receive("ImageTopic", FilterExpression.ALL, 1, Duration.ofSeconds(30),
                        Duration.ofSeconds(2)));
            }
            assertEquals(1, received.size(), "one message back");
            MessageView message = received.get(0).message();
            assertEquals("through the image", new String(message.body(), UTF_8));
            assertEquals(sent.messageId(), message.messageId());
            consumer.ack(received.get(0));
        }

        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the server");
        assertEquals(143, server.exitValue(), "stopped by SIGTERM after its clean shutdown");
        assertTrue(Files.isDirectory(data.resolve("store")), "data under APOGEE_DATA_DIR: " + data);
        String log = Files.readString(logs.resolve("standalone.log"));
        assertTrue(log.contains("Name server started"), "logs under APOGEE_LOG_DIR");
    }

    private static String awaitStarted(BlockingQueue<String> lines) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            Matcher started = STARTED.matcher(line);
            if (started.find()) {
                return "127.0.0.1:" + started.group(1);
            }
        }
        throw new AssertionError("the standalone launcher did not report its ports; it printed:\n" + seen);
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line; (line = output.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output ended: " + e + ")");
        }
    }
}
