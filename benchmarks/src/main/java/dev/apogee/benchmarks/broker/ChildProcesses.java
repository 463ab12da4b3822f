package dev.apogee.benchmarks.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The servers and directories the benchmark created, so that a Ctrl-C or a crash of the benchmark
 * leaves no server running and no data behind: a shutdown hook stops what is still tracked. The
 * normal path closes everything itself in finally blocks, which untracks it.
 */
final class ChildProcesses {

    private static final Set<ServerProcess> PROCESSES = new LinkedHashSet<>();
    private static final Set<Path> DIRECTORIES = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::cleanUp, "bench-child-cleanup"));
    }

    private ChildProcesses() {
    }

    static synchronized void track(ServerProcess process) {
        PROCESSES.add(process);
    }

    static synchronized void forget(ServerProcess process) {
        PROCESSES.remove(process);
    }

    /** Deletes {@code dir} at exit unless it was deleted (and forgotten) before. */
    static synchronized void deleteOnExit(Path dir) {
        DIRECTORIES.add(dir);
    }

    static synchronized void forget(Path dir) {
        DIRECTORIES.remove(dir);
    }

    private static void cleanUp() {
        List<ServerProcess> processes;
        List<Path> directories;
        synchronized (ChildProcesses.class) {
            processes = new ArrayList<>(PROCESSES);
            directories = new ArrayList<>(DIRECTORIES);
        }
        // Newest first: a broker goes before the name server it registers with.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        for (Path dir : directories) {
            deleteTree(dir);
        }
    }

    /** Deletes a directory tree, best effort. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("cannot delete " + path + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
