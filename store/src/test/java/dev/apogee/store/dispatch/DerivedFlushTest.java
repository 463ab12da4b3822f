package dev.apogee.store.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.store.MessageStore;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.ForwardingSegment;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.file.Segment;
import dev.apogee.store.file.SegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Forcing the consume queues and the index to disk never holds up dispatch (and so long polling). */
@Timeout(60)
class DerivedFlushTest {

    @TempDir
    Path dir;

    /** Mapped segments whose force blocks, for consume-queue and index files, until released. */
    private static final class SlowDisk implements SegmentFactory {
        final CountDownLatch forcing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Segment open(Path path, long baseOffset, int capacity) throws IOException {
            Segment real = MappedSegmentFactory.INSTANCE.open(path, baseOffset, capacity);
            boolean derived = !path.toString().contains("commitlog");
            return new ForwardingSegment(real) {
                @Override
                public void force() throws IOException {
                    if (derived) {
                        forcing.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    real.force();
                }
            };
        }

        @Override
        public List<Path> files(Path root) throws IOException {
            return MappedSegmentFactory.INSTANCE.files(root);
        }
    }

    @Test
    void messagesReachTheirQueueWhileAFlushIsStuckOnTheDisk() throws Exception {
        SlowDisk disk = new SlowDisk();
        MessageStore store = MessageStore.open(StoreConfig.forTests(dir).withFlushInterval(Duration.ofMillis(50)), disk);
        try {
            store.put(Drafts.draft("t", 0, "first")).join();
            assertTrue(disk.forcing.await(10, TimeUnit.SECONDS), "a flush of the derived files started");
            for (int i = 0; i < 10; i++) {
                store.put(Drafts.draft("t", 0, "during-" + i)).join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (store.maxOffset("t", 0) < 11 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(11, store.maxOffset("t", 0), "dispatch went on while the flush was stuck");
        } finally {
            disk.release.countDown();
            store.close();
        }
    }
}
