package dev.apogee.store.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.GetResult;
import dev.apogee.store.GetStatus;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Recovery on real files: corruption is reported, derived files are rebuilt, abandoned stores recover. */
@Timeout(60)
class StoreRecoveryIT {

    @TempDir
    Path dir;

    private StoreConfig config() {
        return StoreConfig.forTests(dir).withCommitLogSegmentSize(256 * 1024);
    }

    private List<PutResult> fill(MessageStore store, int count) {
        List<PutResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(store.put(Drafts.draft("t", i % 2, Drafts.body(900, i), null, "k" + i)).join());
        }
        return results;
    }

    @Test
    void aCorruptRecordBeforeTheDurableMarkStopsTheStoreFromOpening() throws Exception {
        List<PutResult> results;
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            results = fill(store, 100);
        }
        long victim = results.get(40).physicalOffset();
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("commitlog").resolve(String.format("%020d",
                victim - victim % (256 * 1024))).toFile(), "rw")) {
            long at = victim % (256 * 1024) + 200;
            file.seek(at);
            int value = file.read();
            file.seek(at);
            file.write(value ^ 0x5A);
        }
        CorruptCommitLogException failure = assertThrows(CorruptCommitLogException.class,
                () -> MessageStore.open(config(), MappedSegmentFactory.INSTANCE));
        assertTrue(failure.getMessage().contains(Long.toString(victim)), failure.getMessage());
    }

    @Test
    void deletedConsumeQueuesAreRebuiltFromTheCommitLog() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            fill(store, 300);
        }
        try (Stream<Path> walk = Files.walk(dir.resolve("consumequeue"))) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            assertEquals(150, store.maxOffset("t", 0));
            assertEquals(150, store.maxOffset("t", 1));
            GetResult result = store.get("t", 1, 149, 1, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.FOUND, result.status());
            assertEquals(1, store.queryByKey("t", "k299", 10, 0, Long.MAX_VALUE).size(), "index not doubled");
        }
    }

    @Test
    void anAbandonedStoreRecoversEverythingItAcknowledged() throws Exception {
        MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE);
        List<PutResult> results = fill(store, 500);
        store.abandon();
        assertTrue(Files.exists(dir.resolve("abort")), "an abandoned store leaves its abort marker");
        try (MessageStore recovered = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i / 2, recovered.messageAt(results.get(i).physicalOffset()).queueOffset());
            }
            assertEquals(250, recovered.maxOffset("t", 0));
            assertEquals(250, recovered.put(Drafts.draft("t", 0, "after")).join().queueOffset());
        }
        assertTrue(!Files.exists(dir.resolve("abort")), "a clean close removes it");
    }

    @Test
    void aTornRecordAtTheStartOfAFreshSegmentIsCutBackToTheBoundary() throws Exception {
        int segmentSize = 256 * 1024;
        // No flush on an interval: nothing in the second segment is durable when the store is abandoned.
        MessageStore crashing = MessageStore.open(config().withFlushInterval(Duration.ofMinutes(10)),
                MappedSegmentFactory.INSTANCE);
        List<PutResult> results = new ArrayList<>();
        for (int i = 0; results.isEmpty() || results.get(results.size() - 1).physicalOffset() < segmentSize; i++) {
            results.add(crashing.put(Drafts.draft("t", i % 2, Drafts.body(900, i), null, "k" + i)).join());
        }
        crashing.abandon();
        PutResult firstInSecond = results.get(results.size() - 1);
        assertEquals(segmentSize, firstInSecond.physicalOffset(), "a blank filler closes the first segment");
        // Only a torn record where the second segment's first record was: the crash came right after the roll.
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("commitlog")
                .resolve(String.format("%020d", segmentSize)).toFile(), "rw")) {
            file.setLength(0);
            file.setLength(segmentSize);
            file.writeInt(5_000);
            file.writeInt(0xDAA320A7);
            file.write(new byte[] {1, 2, 3, 4, 5});
        }
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            assertEquals(segmentSize, store.commitLogMaxOffset(), "the torn record was cut off");
            PutResult lastKept = results.get(results.indexOf(firstInSecond) - 1);
            assertEquals(lastKept.queueOffset(), store.messageAt(lastKept.physicalOffset()).queueOffset());
            PutResult next = store.put(Drafts.draft("t", 0, "after the cut")).join();
            assertEquals(segmentSize, next.physicalOffset(), "the next put takes the cut record's place");
        }
    }
}
