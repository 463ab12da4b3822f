package dev.apogee.benchmarks.jms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long one small synchronous write takes on a directory's disk: 4 KiB written and forced, over and
 * over, at successive positions of a preallocated file. Artemis's own installer ({@code artemis create})
 * measures the same thing and writes the result into the broker's configuration as its journal buffer
 * timeout (the longest a journal write waits to be group-committed with others), so an Artemis installed
 * the usual way batches its fsyncs at the pace its disk can sync. The embedded server given only
 * defaults would wait a fixed 3.33 ms instead.
 */
final class SyncWriteCalibration {

    private static final int BLOCK = 4096;
    private static final int WRITES = 250;
    private static final int TRIES = 3;

    private SyncWriteCalibration() {
    }

    /** Nanoseconds per forced 4 KiB write in {@code dir}: the fastest of a few tries, as an average. */
    static long nanosPerSyncWrite(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("sync-calibration.tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            // Preallocated and synced first: the timed writes overwrite blocks, as a journal's pooled files do.
            for (int i = 0; i < WRITES; i++) {
                block.clear();
                channel.write(block, (long) i * BLOCK);
            }
            channel.force(true);
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < TRIES; attempt++) {
                long start = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    block.clear();
                    block.put(0, (byte) (attempt + i));
                    channel.write(block, (long) i * BLOCK);
                    channel.force(false);
                }
                best = Math.min(best, (System.nanoTime() - start) / WRITES);
            }
            return Math.max(1, best);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
