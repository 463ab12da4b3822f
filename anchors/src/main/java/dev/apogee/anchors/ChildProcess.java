package dev.apogee.anchors;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One server in a child JVM, its stdout and stderr appended to a log file. Stopping asks politely first
 * (SIGTERM, so the server runs its shutdown hooks, unregisters and unmaps its files), then forcibly.
 * Every started process is also known to {@link ChildProcesses}, whose shutdown hook stops it if the
 * JVM that started it exits without closing it.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ChildProcess.class);

    /**
     * How long a SIGTERM is given before SIGKILL follows. The Apache broker's own shutdown takes 10-15 s
     * on two cores (its services end one after another, several after a fixed wait), more under load.
     */
    public static final Duration POLITE_STOP = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final Process process;
    private final Path log;
    /** Where this process's output starts in the log: a restarted server appends to the same file. */
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classPath> <mainClass> <args>} with the JVM that runs the
     * caller, in {@code workDir}; output is appended to {@code workDir/<name>.log}, after a line with
     * the command (class path elided).
     */
    public static ChildProcess start(String name, List<String> jvmOptions, String classPath, String mainClass,
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
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long logStart = Files.size(log);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildProcess child = new ChildProcess(name, process, log, logStart);
        ChildProcesses.track(child);
        return child;
    }

    /** The name given at start; also the log file's name without ".log". */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file the process's stdout and stderr go to. */
    public Path log() {
        return log;
    }

    /** The exit code, or a note that it still runs. */
    public String exitDescription() {
        return process.isAlive() ? "still running" : "exited with " + process.exitValue();
    }

    /**
     * Waits until this process has written {@code marker} (a server's "boot success" line, say).
     *
     * @throws IOException if the process exits first or {@code timeout} passes; the message carries the
     *                     tail of its output
     */
    public void awaitOutput(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outputSinceStart().contains(marker)) {
            if (!process.isAlive()) {
                throw new IOException(name + " " + exitDescription() + " before it printed '" + marker
                        + "'; its last output:" + System.lineSeparator() + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not print '" + marker + "' within " + timeout.toSeconds()
                        + " s; its last output:" + System.lineSeparator() + logTail(40));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
        }
    }

    private String outputSinceStart() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - logStart;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
            file.seek(logStart);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The last lines of the log, to show why the process failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Resident set size now, from {@code /proc/<pid>/status} (Linux only). */
    public OptionalLong residentKiB() {
        return procStatus("VmRSS:");
    }

    /** The anonymous part of the resident set: heap, direct buffers, thread stacks, code. */
    public OptionalLong residentAnonymousKiB() {
        return procStatus("RssAnon:");
    }

    /** The file-backed part of the resident set: mostly a store's mapped files in the page cache. */
    public OptionalLong residentFileKiB() {
        return procStatus("RssFile:");
    }

    /** The highest resident set size the process reached. */
    public OptionalLong peakResidentKiB() {
        return procStatus("VmHWM:");
    }

    /** CPU time the process used so far, user plus system. */
    public Duration cpuTime() {
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

    /** Stops the process: SIGTERM, then SIGKILL if it has not gone after {@link #POLITE_STOP}. */
    public void stop() {
        stopAll(List.of(this));
    }

    /**
     * Stops several processes at once: SIGTERM to all first, then waits for each, with SIGKILL for those
     * still there after {@link #POLITE_STOP}. An Apache server takes seconds to shut down (its services
     * end one by one, some after a wait), so stopping them side by side saves those seconds.
     */
    public static void stopAll(List<ChildProcess> processes) {
        long stopping = System.nanoTime();
        long deadline = stopping + POLITE_STOP.toNanos();
        for (ChildProcess child : processes) {
            child.process.destroy();
        }
        for (ChildProcess child : processes) {
            try {
                if (!child.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("{} did not stop within {} s; killing it", child.name, POLITE_STOP.toSeconds());
                    child.kill();
                }
            } catch (InterruptedException e) {
                child.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            LOG.debug("{} (pid {}) gone after {} ms", child.name, child.process.pid(),
                    (System.nanoTime() - stopping) / 1_000_000);
            ChildProcesses.forget(child);
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("{} (pid {}) survived SIGKILL for {} s", name, process.pid(), POLITE_STOP.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildProcesses.forget(this);
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
