package dev.apogee.store.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void missingFileStartsAtZeroAndWritesSurviveReload() throws Exception {
        Path file = dir.resolve("checkpoint");
        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(0, checkpoint.commitLogDurable());
        checkpoint.commitLogFlushed(4096);
        checkpoint.queuesFlushed(2048);
        Checkpoint reloaded = Checkpoint.load(file);
        assertEquals(4096, reloaded.commitLogDurable());
        assertEquals(2048, reloaded.queuesDurable());
    }

    @Test
    void damagedFileIsReportedNotTrusted() throws Exception {
        Path file = dir.resolve("checkpoint");
        Checkpoint.load(file).reset(100, 100);
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] ^= 0x40;
        Files.write(file, bytes);
        assertThrows(IOException.class, () -> Checkpoint.load(file));
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Checkpoint.load(file));
    }
}
