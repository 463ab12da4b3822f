package dev.apogee.store.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.FlushMode;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.file.MappedSegmentFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a child JVM that is putting messages with SIGKILL at random moments, many times over, and
 * checks after each kill that every put the child saw acknowledged is in the store, intact, at the
 * offsets it was given, and that the consume queues and key index agree with the commit log.
 */
class CrashRecoveryIT {

    private static final int ROUNDS = 6;

    @TempDir
    Path root;

    /** One acknowledged put, as the child reported it. */
    private record Ack(long seq, int queueId, long queueOffset, long physicalOffset) {
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    @Timeout(300)
    void nothingAcknowledgedIsLostAcrossRepeatedKills(FlushMode mode) throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashRecoveryIT " + mode + " seed " + seed);
        Random random = new Random(seed);
        List<Ack> acknowledged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            acknowledged.addAll(runAndKill(mode, round * 10_000_000L, 150 + random.nextInt(1_200)));
            verify(mode, acknowledged);
        }
        assertTrue(acknowledged.size() > ROUNDS, "the child acknowledged puts: " + acknowledged.size());
    }

    @Test
    @Timeout(120)
    void tornTailIsCutAndAcknowledgedRecordsBeforeItSurvive() throws Exception {
        List<Ack> acknowledged = runAndKill(FlushMode.ASYNC_FLUSH, 0, 600);
        // Tear the log after its last complete record: a size and magic, then nothing that checks out,
        // as a write cut short by a crash leaves it.
        long lastEnd;
        try (MessageStore store = MessageStore.open(CrashWorker.config(root, FlushMode.ASYNC_FLUSH),
                MappedSegmentFactory.INSTANCE)) {
            lastEnd = store.commitLogMaxOffset();
        }
        int segmentSize = CrashWorker.config(root, FlushMode.ASYNC_FLUSH).commitLogSegmentSize();
        long segmentBase = lastEnd - lastEnd % segmentSize;
        Path segment = root.resolve("commitlog").resolve(String.format("%020d", segmentBase));
        if (!Files.exists(segment)) {
            // The last record ended a segment (a blank filler closes it) and the writer rolls lazily: the
            // next segment is created by the next put. A crash right after that creation leaves it like this.
            assertEquals(0, lastEnd % segmentSize, "only a segment boundary lacks its file: " + lastEnd);
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                file.setLength(segmentSize);
            }
        }
        ByteBuffer tear = ByteBuffer.allocate(13)
                .putInt(5_000)                      // a size
                .putInt(0xDAA320A7)                 // a valid magic
                .put(new byte[] {1, 2, 3, 4, 5});   // and then nothing that checks out
        // The writer always leaves room for a blank filler (8 bytes): a tear may be shorter than 13 bytes.
        int room = (int) Math.min(tear.capacity(), segmentSize - (lastEnd - segmentBase));
        assertTrue(room >= 8, "a record leaves room for a filler after it: " + lastEnd);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(lastEnd - segmentBase);
            file.write(tear.array(), 0, room);
        }
        verify(FlushMode.ASYNC_FLUSH, acknowledged);
        try (MessageStore store = MessageStore.open(CrashWorker.config(root, FlushMode.ASYNC_FLUSH),
                MappedSegmentFactory.INSTANCE)) {
            assertEquals(lastEnd, store.commitLogMaxOffset(), "the torn record was cut off");
        }
    }

    private List<Ack> runAndKill(FlushMode mode, long firstSeq, long runMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWorker.class.getName(), root.toString(), mode.name(), Long.toString(firstSeq))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Ack> acks = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        ConcurrentHashMap<String, Boolean> failures = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        String[] f = line.split(" ");
                        if (f.length == 5) {
                            synchronized (acks) {
                                acks.add(new Ack(Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                                        Long.parseLong(f[4])));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // Killing the child closes its output under the reader; only an error before that counts.
                if (!killed.get()) {
                    failures.put(e.toString(), true);
                }
            }
        }, "crash-reader");
        reader.start();
        try {
            assertTrue(ready.await(60, TimeUnit.SECONDS), "child store opened");
            Thread.sleep(runMillis);
        } finally {
            killed.set(true);
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        assertTrue(failures.isEmpty(), failures.toString());
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private void verify(FlushMode mode, List<Ack> acknowledged) throws IOException {
        try (MessageStore store = MessageStore.open(CrashWorker.config(root, mode), MappedSegmentFactory.INSTANCE)) {
            for (Ack ack : acknowledged) {
                StoredMessage message = store.messageAt(ack.physicalOffset());
                assertNotNull(message, "acknowledged message " + ack + " is missing");
                assertArrayEquals(CrashWorker.body(ack.seq()), message.body(), "body of " + ack);
                assertEquals(ack.queueOffset(), message.queueOffset(), "queue offset of " + ack);
                assertEquals(ack.queueId(), message.queueId());
                GetResult viaQueue = store.get(CrashWorker.TOPIC, ack.queueId(), ack.queueOffset(), 1, 1 << 20,
                        MessageFilter.ALL);
                assertEquals(1, viaQueue.messageCount(), "consume queue entry of " + ack);
                assertEquals(ack.physicalOffset(), decode(viaQueue.messages().get(0)).physicalOffset());
            }
            for (int queueId = 0; queueId < CrashWorker.QUEUES; queueId++) {
                checkQueueAgreesWithLog(store, queueId);
            }
            int sampled = 0;
            for (int i = acknowledged.size() - 1; i >= 0 && sampled < 50; i -= Math.max(1, acknowledged.size() / 50)) {
                Ack ack = acknowledged.get(i);
                List<ByteBuffer> found = store.queryByKey(CrashWorker.TOPIC, CrashWorker.key(ack.seq()), 4, 0,
                        Long.MAX_VALUE);
                assertEquals(1, found.size(), "index finds " + ack);
                sampled++;
            }
        }
    }

    private static void checkQueueAgreesWithLog(MessageStore store, int queueId) {
        long offset = store.minOffset(CrashWorker.TOPIC, queueId);
        long max = store.maxOffset(CrashWorker.TOPIC, queueId);
        while (offset < max) {
            GetResult batch = store.get(CrashWorker.TOPIC, queueId, offset, 256, 8 << 20, MessageFilter.ALL);
            assertTrue(batch.messageCount() > 0, "queue " + queueId + " readable at " + offset);
            for (ByteBuffer record : batch.messages()) {
                StoredMessage message = decode(record);
                assertEquals(offset, message.queueOffset(), "queue " + queueId + " entry matches its record");
                assertEquals(queueId, message.queueId());
                offset++;
            }
        }
    }

    private static StoredMessage decode(ByteBuffer record) {
        return MessageRecordCodec.decode(record.duplicate(), true);
    }
}
