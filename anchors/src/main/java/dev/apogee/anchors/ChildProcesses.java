package dev.apogee.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The child processes and directories this JVM created, so that a Ctrl-C, a failed test run or a crash
 * leaves no server running and no data behind: a shutdown hook stops what is still tracked. The normal
 * path closes everything itself, which untracks it.
 */
public final class ChildProcesses {

    private static final Logger LOG = LogManager.getLogger(ChildProcesses.class);

    private static final Set<ChildProcess> PROCESSES = new LinkedHashSet<>();
    private static final Set<Path> DIRECTORIES = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::cleanUp, "anchors-child-cleanup"));
    }

    private ChildProcesses() {
    }

    static synchronized void track(ChildProcess process) {
        PROCESSES.add(process);
    }

    static synchronized void forget(ChildProcess process) {
        PROCESSES.remove(process);
    }

    /** Deletes {@code dir} when this JVM exits, unless it was {@linkplain #forget(Path) forgotten} before. */
    public static synchronized void deleteOnExit(Path dir) {
        DIRECTORIES.add(dir);
    }

    /** Undoes {@link #deleteOnExit(Path)}: the caller deleted the directory itself, or keeps it. */
    public static synchronized void forget(Path dir) {
        DIRECTORIES.remove(dir);
    }

    private static void cleanUp() {
        List<ChildProcess> processes;
        List<Path> directories;
        synchronized (ChildProcesses.class) {
            processes = new ArrayList<>(PROCESSES);
            directories = new ArrayList<>(DIRECTORIES);
        }
        ChildProcess.stopAll(processes);
        for (Path dir : directories) {
            deleteTree(dir);
        }
    }

    /** Deletes a directory tree, best effort: what cannot be deleted is logged and left. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
