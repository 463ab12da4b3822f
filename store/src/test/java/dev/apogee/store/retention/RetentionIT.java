package dev.apogee.store.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.GetResult;
import dev.apogee.store.GetStatus;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes expired segments with the queue files that fed on them; reads then say "moved". */
@Timeout(60)
class RetentionIT {

    @TempDir
    Path dir;

    private static long files(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void expiredSegmentsGoAndReadsBeforeTheNewStartAreToldWhereItIs() throws Exception {
        StoreConfig config = StoreConfig.forTests(dir).withCommitLogSegmentSize(128 * 1024)
                .withRetention(Duration.ofMillis(1), 0.99);
        try (MessageStore store = MessageStore.open(config, MappedSegmentFactory.INSTANCE)) {
            for (int i = 0; i < 400; i++) {
                store.put(Drafts.draft("t", 0, Drafts.body(1000, i), null, "k" + i)).join();
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
                assertTrue(System.currentTimeMillis() < deadline);
                Thread.sleep(2);
            }
            long segmentsBefore = files(dir.resolve("commitlog"));
            assertTrue(segmentsBefore >= 3, "several segments: " + segmentsBefore);
            Thread.sleep(5);

            int deleted = store.runRetention();
            assertEquals(segmentsBefore - 1, deleted, "every segment but the newest expired");
            assertEquals(1, files(dir.resolve("commitlog")));
            assertTrue(store.commitLogMinOffset() > 0);

            // Queue files are deleted on the dispatcher thread; wait for the queue's start to move.
            while (store.minOffset("t", 0) == 0) {
                assertTrue(System.currentTimeMillis() < deadline + 10_000, "queue start moved");
                Thread.sleep(5);
            }
            long newMin = store.minOffset("t", 0);
            GetResult old = store.get("t", 0, 0, 10, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.OFFSET_TOO_SMALL, old.status());
            assertEquals(newMin, old.nextBeginOffset());
            GetResult kept = store.get("t", 0, newMin, 10, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.FOUND, kept.status());
            assertTrue(store.queryByKey("t", "k0", 10, 0, Long.MAX_VALUE).isEmpty(), "a deleted message is not found");
            assertEquals(1, store.queryByKey("t", "k399", 10, 0, Long.MAX_VALUE).size());
        }
    }
}
