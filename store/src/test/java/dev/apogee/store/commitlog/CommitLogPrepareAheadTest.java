package dev.apogee.store.commitlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.store.file.ForwardingSegment;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.file.Segment;
import dev.apogee.store.file.SegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link CommitLog#prepareAhead}: zeros written ahead of the log, never over a record. */
@Timeout(60)
class CommitLogPrepareAheadTest {

    private static final int CHUNK = CommitLog.PREPARE_CHUNK;

    @TempDir
    Path dir;

    private final List<ZeroWrite> zeroWrites = new ArrayList<>();

    /** A write made entirely of zeros: {@code from} and {@code to} are log offsets. */
    private record ZeroWrite(long from, long to) {
    }

    private CommitLog open(int segmentSize) throws IOException {
        CommitLog log = new CommitLog(dir, segmentSize, new ZeroRecording(MappedSegmentFactory.INSTANCE));
        log.load();
        log.truncateTo(0);
        return log;
    }

    private static long append(CommitLog log, int bodySize, int seed) throws IOException {
        long at = log.append(List.of(Drafts.record(Drafts.draft("t", 0, Drafts.body(bodySize, seed), null, null))),
                seed, 1L);
        log.publish();
        return at;
    }

    @Test
    void aChunkOfZerosGoesAheadOnceLessThanHalfAChunkIsLeft() throws Exception {
        CommitLog log = open(4 * CHUNK);
        append(log, 3000, 0);
        log.prepareAhead();
        assertEquals(List.of(new ZeroWrite(log.committedOffset(), log.committedOffset() + CHUNK)), zeroWrites);

        log.prepareAhead();
        assertEquals(1, zeroWrites.size(), "nothing more while more than half a chunk is prepared");

        long preparedEnd = zeroWrites.get(0).to();
        int seed = 1;
        while (preparedEnd - log.committedOffset() >= CHUNK / 2) {
            append(log, 3000, seed++);
            log.prepareAhead();
        }
        assertEquals(List.of(new ZeroWrite(preparedEnd, preparedEnd + CHUNK)), zeroWrites.subList(1, zeroWrites.size()),
                "the next chunk follows the last one once less than half a chunk was left");
    }

    @Test
    void recordsReadBackIntactAcrossSegmentsWhileZerosGoAhead() throws Exception {
        int segmentSize = 2 * CHUNK + CHUNK / 3;
        CommitLog log = open(segmentSize);
        Random random = new Random(42);
        List<Long> offsets = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (log.committedOffset() < 3L * segmentSize) {
            int size = 200 + random.nextInt(60_000);
            offsets.add(append(log, size, offsets.size()));
            sizes.add(size);
            int before = zeroWrites.size();
            log.prepareAhead();
            for (ZeroWrite write : zeroWrites.subList(before, zeroWrites.size())) {
                assertTrue(write.from() >= log.committedOffset(),
                        "zeros at " + write + " start past the log's end " + log.committedOffset());
                assertEquals(write.from() / segmentSize, (write.to() - 1) / segmentSize,
                        "zeros at " + write + " stay in one segment");
            }
        }
        for (int i = 0; i < offsets.size(); i++) {
            assertArrayEquals(Drafts.body(sizes.get(i), i),
                    MessageRecordCodec.decode(log.readRecord(offsets.get(i)), true).body(), "record " + i);
        }
        for (int segment = 1; segment <= 3; segment++) {
            long base = (long) segment * segmentSize;
            assertTrue(zeroWrites.stream().anyMatch(write -> write.from() >= base && write.from() < base + 64 * 1024),
                    "segment " + segment + " is prepared from its first records on: " + zeroWrites);
        }
    }

    @Test
    void theTailZeroedByRecoveryIsNotWrittenAgain() throws Exception {
        CommitLog first = open(4 * CHUNK);
        append(first, 3000, 0);
        long end = first.committedOffset();
        first.close();

        CommitLog reopened = new CommitLog(dir, 4 * CHUNK, new ZeroRecording(MappedSegmentFactory.INSTANCE));
        reopened.load();
        reopened.truncateTo(end);
        zeroWrites.clear();
        append(reopened, 3000, 1);
        reopened.prepareAhead();
        assertEquals(List.of(), zeroWrites, "recovery zeroed the rest of the segment already");
    }

    /** Records every {@link Segment#write} that is all zeros. */
    private final class ZeroRecording implements SegmentFactory {
        private final SegmentFactory delegate;

        ZeroRecording(SegmentFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Segment open(Path path, long baseOffset, int capacity) throws IOException {
            Segment segment = delegate.open(path, baseOffset, capacity);
            return new ForwardingSegment(segment) {
                @Override
                public void write(int position, ByteBuffer source) throws IOException {
                    boolean zeros = true;
                    for (int i = source.position(); i < source.limit() && zeros; i++) {
                        zeros = source.get(i) == 0;
                    }
                    if (zeros) {
                        long from = baseOffset + position;
                        zeroWrites.add(new ZeroWrite(from, from + source.remaining()));
                    }
                    segment.write(position, source);
                }
            };
        }

        @Override
        public List<Path> files(Path root) throws IOException {
            return delegate.files(root);
        }
    }
}
