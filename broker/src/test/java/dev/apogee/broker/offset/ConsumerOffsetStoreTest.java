package dev.apogee.broker.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetStoreTest {

    @TempDir
    Path dir;

    @Test
    void aPullsCommitOnlyMovesForwardWhileAnUpdateIsTakenAsItIs() throws Exception {
        try (ConsumerOffsetStore store = ConsumerOffsetStore.open(dir)) {
            assertEquals(-1, store.get("g", "t", 0));
            store.commitForward("g", "t", 0, 19);
            assertEquals(19, store.get("g", "t", 0), "the first commit of a queue is taken");
            store.commit("g", "t", 0, 20);
            store.commitForward("g", "t", 0, 19);
            assertEquals(20, store.get("g", "t", 0), "a late pull does not undo the update");
            store.commitForward("g", "t", 0, 25);
            assertEquals(25, store.get("g", "t", 0));
            store.commit("g", "t", 0, 3);
            assertEquals(3, store.get("g", "t", 0), "an update (a reset) may go back");
        }
        try (ConsumerOffsetStore reopened = ConsumerOffsetStore.open(dir)) {
            assertEquals(3, reopened.get("g", "t", 0), "what is kept is what is written at close");
        }
    }
}
