package dev.apogee.benchmarks.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One server in a child JVM, its output in a log file. Stopping asks politely first (SIGTERM, so the
 * server runs its shutdown hooks and unmaps its files), then forcibly. Every started process is also
 * known to {@link ChildProcesses}, whose shutdown hook stops it if the benchmark is interrupted.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration POLITE_STOP = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classPath> <mainClass> <args>} with the JVM that runs the
     * benchmark, in {@code workDir}.
     */
    static ServerProcess start(String name, List<String> jvmOptions, String classPath, String mainClass,
                               List<String> args, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Path log = workDir.resolve(name + ".log");
        Files.writeString(log, String.join(" ", command).replace(classPath, "<class path>")
                + System.lineSeparator(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess server = new ServerProcess(name, process, log);
        ChildProcesses.track(server);
        return server;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or a note that it still runs. */
    String exitDescription() {
        return process.isAlive() ? "still running" : "exited with " + process.exitValue();
    }

    /** The last lines of the server's output, to show why it failed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Resident set size now, from {@code /proc/<pid>/status} (Linux only). */
    OptionalLong residentKiB() {
        return procStatus("VmRSS:");
    }

    /** The anonymous part of the resident set: heap, direct buffers, thread stacks, code. */
    OptionalLong residentAnonymousKiB() {
        return procStatus("RssAnon:");
    }

    /** The file-backed part of the resident set: mostly the store's mapped files in the page cache. */
    OptionalLong residentFileKiB() {
        return procStatus("RssFile:");
    }

    /** The highest resident set size the process reached. */
    OptionalLong peakResidentKiB() {
        return procStatus("VmHWM:");
    }

    /** CPU time the process used so far, user plus system. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private OptionalLong procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    // "VmRSS:	  123456 kB"
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process is gone: the figure is simply missing.
        }
        return OptionalLong.empty();
    }

    /** Stops the process: SIGTERM, then SIGKILL if it has not gone after a while. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println(name + " did not stop within " + POLITE_STOP.toSeconds() + " s; killing it");
                    process.destroyForcibly();
                    process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        ChildProcesses.forget(this);
    }
}
