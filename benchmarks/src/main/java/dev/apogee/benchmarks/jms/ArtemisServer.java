package dev.apogee.benchmarks.jms;

import dev.apogee.anchors.ChildProcess;
import dev.apogee.anchors.ChildProcesses;
import dev.apogee.anchors.FreePorts;
import dev.apogee.benchmarks.broker.ApogeeServer;
import dev.apogee.benchmarks.broker.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ActiveMQ Artemis ({@link ArtemisMain}) in a child JVM on this JVM's class path, with the heap the
 * Apogee server is given, its journal and log in the directory it is started in.
 */
final class ArtemisServer implements ServerUnderTest {

    private final ChildProcess process;
    private final int port;
    private final Path dir;
    private final boolean keep;

    private ArtemisServer(ChildProcess process, int port, Path dir, boolean keep) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.keep = keep;
    }

    /**
     * Starts the server and waits until it takes connections.
     *
     * @param bufferTimeoutNanos the journal buffer timeout; 0: measured on the disk, as {@code artemis create} does
     */
    static ArtemisServer start(Path dir, long bufferTimeoutNanos, boolean keep, Duration timeout) throws IOException {
        Files.createDirectories(dir);
        if (!keep) {
            ChildProcesses.deleteOnExit(dir);
        }
        int port = FreePorts.any();
        List<String> args = new ArrayList<>(List.of(dir.resolve("data").toString(), Integer.toString(port)));
        if (bufferTimeoutNanos > 0) {
            args.add(Long.toString(bufferTimeoutNanos));
        }
        ChildProcess process = ChildProcess.start("artemis", ApogeeServer.JVM, ApogeeServer.absoluteClassPath(),
                ArtemisMain.class.getName(), args, dir);
        ArtemisServer server = new ArtemisServer(process, port, dir, keep);
        try {
            process.awaitOutput(ArtemisMain.READY, timeout);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The line the server printed when it was ready, with its journal settings. */
    String readyLine() {
        return process.logTail(200).lines().filter(line -> line.startsWith(ArtemisMain.READY)).reduce((a, b) -> b)
                .orElse("");
    }

    String url() {
        return "tcp://" + nameServer();
    }

    @Override
    public String name() {
        return "Artemis";
    }

    @Override
    public String nameServer() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String heapDescription() {
        return "one JVM (embedded Artemis 2.38.0): " + String.join(" ", ApogeeServer.JVM);
    }

    @Override
    public ChildProcess broker() {
        return process;
    }

    @Override
    public List<ChildProcess> processes() {
        return List.of(process);
    }

    @Override
    public void close() {
        process.close();
        if (!keep) {
            ChildProcesses.deleteTree(dir);
            ChildProcesses.forget(dir);
        }
    }
}
