package dev.apogee.client.consumer.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOffsetStoreTest {

    @TempDir
    Path dir;

    private final MessageQueue q0 = new MessageQueue("T", "broker-a", 0);
    private final MessageQueue q1 = new MessageQueue("T", "broker-a", 1);

    @Test
    void offsetsSurviveAReloadAndTheFileIsReplacedWhole() throws Exception {
        LocalOffsetStore store = new LocalOffsetStore(dir.resolve("nested"), "group-a");
        assertEquals(-1, store.readStored(q0));
        store.update(q0, 7, true);
        store.update(q0, 5, true);
        assertEquals(7, store.current(q0), "onlyForward ignores a smaller value");
        store.update(q1, 3, false);
        store.persist(List.of(q0));
        assertTrue(Files.exists(store.file()));
        try (var files = Files.list(store.file().getParent())) {
            assertEquals(List.of(store.file()), files.toList(), "no temporary file left behind");
        }

        LocalOffsetStore reloaded = new LocalOffsetStore(dir.resolve("nested"), "group-a");
        assertEquals(7, reloaded.readStored(q0));
        assertEquals(3, reloaded.readStored(q1), "the whole file is written, not only the queues named");
        assertEquals(-1, reloaded.current(q0), "memory starts empty");
        assertEquals(-1, new LocalOffsetStore(dir.resolve("nested"), "group-b").readStored(q0), "one file per group");

        reloaded.update(q0, 2, false);
        reloaded.forget(q1);
        reloaded.persist(List.of(q0));
        LocalOffsetStore again = new LocalOffsetStore(dir.resolve("nested"), "group-a");
        assertEquals(2, again.readStored(q0), "a seek may move an offset back");
        assertEquals(3, again.readStored(q1), "a queue given up keeps its last offset");
    }

    @Test
    void aDamagedFileIsReportedNotIgnored() throws Exception {
        Files.writeString(dir.resolve("broken.offsets"), "T\tbroker-a\tzero\t5\n");
        assertThrows(ClientException.class, () -> new LocalOffsetStore(dir, "broken"));
        Files.writeString(dir.resolve("short.offsets"), "T\tbroker-a\n");
        assertThrows(ClientException.class, () -> new LocalOffsetStore(dir, "short"));
    }
}
