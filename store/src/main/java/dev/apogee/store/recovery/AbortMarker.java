package dev.apogee.store.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that exists while a store is open: found at start-up, it says the previous run did not
 * shut down cleanly, so recovery must not trust the consume queues and index to be complete.
 */
public final class AbortMarker {

    private final Path file;

    public AbortMarker(Path file) {
        this.file = file;
    }

    /** Whether the previous run ended without a clean shutdown. */
    public boolean previousRunAborted() {
        return Files.exists(file);
    }

    /** Marks this run as in progress. */
    public void create() throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /** Marks a clean shutdown. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
