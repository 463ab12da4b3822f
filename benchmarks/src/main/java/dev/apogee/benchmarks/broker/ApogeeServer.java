package dev.apogee.benchmarks.broker;

import dev.apogee.anchors.ChildProcess;
import dev.apogee.anchors.ChildProcesses;
import dev.apogee.anchors.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Apogee's standalone server, name server and broker in one child JVM, on this JVM's class path
 * (the benchmarks module depends on apogee-broker). It logs through the benchmarks' log4j2.xml,
 * warnings only, into its log file. The JMS benchmark starts it too, with SYNC_FLUSH.
 */
public final class ApogeeServer implements ServerUnderTest {

    static final String MAIN = "dev.apogee.broker.StandaloneMain";
    /** What {@code bin/apogee standalone} gives the server by default; the JMS benchmark gives Artemis the same. */
    public static final List<String> JVM = List.of("-Xms256m", "-Xmx1g");

    private final ChildProcess process;
    private final int namesrvPort;
    private final Path dir;
    private final boolean keep;

    private ApogeeServer(ChildProcess process, int namesrvPort, Path dir, boolean keep) {
        this.process = process;
        this.namesrvPort = namesrvPort;
        this.dir = dir;
        this.keep = keep;
    }

    static ApogeeServer start(BenchmarkSettings settings, Path dir) throws IOException {
        return start(settings.flush(), dir, settings.keep());
    }

    /**
     * Starts the server with its data and log in {@code dir}; it may take a moment until it takes sends.
     *
     * @param flush ASYNC_FLUSH or SYNC_FLUSH, the server's {@code --flush}
     * @param keep  keep {@code dir} after {@link #close()} (and at exit)
     */
    public static ApogeeServer start(String flush, Path dir, boolean keep) throws IOException {
        Files.createDirectories(dir);
        if (!keep) {
            ChildProcesses.deleteOnExit(dir);
        }
        int namesrvPort = FreePorts.any();
        int brokerPort = FreePorts.any();
        List<String> args = List.of("--namesrv-port", Integer.toString(namesrvPort), "--port",
                Integer.toString(brokerPort), "--bind", "127.0.0.1", "--host", "127.0.0.1", "--data-dir",
                dir.resolve("data").toString(), "--flush", flush,
                // The same commit-log file size as the Apache broker is given.
                "--segment-size", Integer.toString(256 << 20));
        ChildProcess process = ChildProcess.start("apogee-standalone", JVM, absoluteClassPath(), MAIN, args, dir);
        return new ApogeeServer(process, namesrvPort, dir, keep);
    }

    /** This JVM's class path with every entry made absolute, for a child JVM that runs in its own directory. */
    public static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public String name() {
        return "Apogee";
    }

    @Override
    public String nameServer() {
        return "127.0.0.1:" + namesrvPort;
    }

    @Override
    public String heapDescription() {
        return "one JVM (name server + broker): " + String.join(" ", JVM);
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
