package dev.apogee.store.commitlog;

import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.store.file.Segment;
import dev.apogee.store.file.SegmentFactory;
import dev.apogee.store.file.SegmentedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The append-only log of every stored-message record of every topic, in fixed-size segments. A
 * record never spans two segments: when the next append does not fit, the rest of the segment is
 * filled with a blank record (its size and {@link MessageRecordLayout#BLANK_MAGIC}) and the append
 * goes to a new segment.
 *
 * <p>Offsets here are physical: byte offsets in the log, from 0, across segments.
 *
 * <p>Thread-safety: a single writer (the store's appender thread) calls {@link #append},
 * {@link #publish}, {@link #prepareAhead} and {@link #truncateTo}; one flusher thread calls
 * {@link #force}; any thread may read below {@link #committedOffset()}, which the writer advances
 * with a volatile write only after the records before it are complete, so readers never see part of
 * a record.
 */
public final class CommitLog {

    private static final Logger LOG = LogManager.getLogger(CommitLog.class);
    /** How many bytes of zeros {@link #prepareAhead} writes at a time. */
    public static final int PREPARE_CHUNK = 1 << 20;
    /** Never written: every {@link #prepareAhead} writes from a duplicate of it. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREPARE_CHUNK).asReadOnlyBuffer();
    private static final int INITIAL_PENDING_BYTES = 256 * 1024;
    /** A pending run this long is written before more is added, to bound the buffer. */
    private static final int MAX_PENDING_BYTES = 8 << 20;

    private final SegmentedLog segments;
    private final int segmentSize;
    /** Writer-owned: where the next record goes. */
    private long writeOffset;
    /** End of the last complete, published record. */
    private volatile long committedOffset;
    /**
     * Writer-owned: records appended but not yet written to their segment, from {@link #pendingStart}
     * on, all in {@link #pendingSegment}. {@link #publish} writes them with one call, so a batch of
     * puts costs one system call, not one per put.
     */
    private ByteBuffer pending = ByteBuffer.allocateDirect(INITIAL_PENDING_BYTES);
    private long pendingStart;
    private Segment pendingSegment;
    /** End of what the last force covered. */
    private volatile long flushedOffset;
    /** Writer-owned: the segment {@link #prepareAhead} last wrote zeros to, and where those zeros end. */
    private Segment preparedSegment;
    private long preparedEnd;

    public CommitLog(Path directory, int segmentSize, SegmentFactory factory) {
        this.segments = new SegmentedLog(directory, segmentSize, factory);
        this.segmentSize = segmentSize;
    }

    /** Opens the existing segments; the write position is set by recovery ({@link #truncateTo}). */
    public void load() throws IOException {
        segments.load();
    }

    public SegmentedLog segments() {
        return segments;
    }

    public int segmentSize() {
        return segmentSize;
    }

    /** The first offset still kept. */
    public long minOffset() {
        return segments.minOffset();
    }

    public long committedOffset() {
        return committedOffset;
    }

    public long flushedOffset() {
        return flushedOffset;
    }

    /**
     * Appends {@code records} (encoded by {@link MessageRecordCodec#encode}) as one contiguous run in
     * one segment, assigning consecutive queue offsets from {@code firstQueueOffset} (or 0 for all
     * when {@code firstQueueOffset} is negative: records that no consume queue will hold).
     * The records are not visible to readers until {@link #publish}.
     *
     * @return the physical offset of the first record
     * @throws IOException if a new segment cannot be created
     */
    public long append(List<byte[]> records, long firstQueueOffset, long storeTimestamp) throws IOException {
        int total = 0;
        for (byte[] record : records) {
            total += record.length;
        }
        if (total + MessageRecordLayout.BLANK_RECORD_MIN_SIZE > segmentSize) {
            throw new IllegalArgumentException(total + " bytes cannot fit in a segment of " + segmentSize);
        }
        Segment segment = ensureRoom(total);
        if (segment != pendingSegment || pending.position() + total > pending.capacity()) {
            writePending();
            pendingSegment = segment;
            pendingStart = writeOffset;
            if (pending.capacity() < total) {
                pending = ByteBuffer.allocateDirect(total);
            }
        }
        long first = writeOffset;
        long queueOffset = firstQueueOffset;
        for (byte[] record : records) {
            int base = pending.position();
            pending.put(record);
            MessageRecordCodec.patch(pending, base, Math.max(queueOffset, 0), writeOffset, storeTimestamp);
            writeOffset += record.length;
            if (queueOffset >= 0) {
                queueOffset++;
            }
        }
        if (pending.position() >= MAX_PENDING_BYTES) {
            writePending();
        }
        return first;
    }

    /**
     * Writes the pending run to its segment. Readers cannot see it before {@link #publish}, and a
     * process crash cannot split a write to a regular file. An operating-system crash before the
     * force may leave a torn record, as mapped writes could (pages reach the disk in any order):
     * recovery ends the log at the first record whose magic, sizes or body CRC do not hold, and
     * nothing unforced was acknowledged in SYNC_FLUSH.
     */
    private void writePending() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        pendingSegment.write((int) (pendingStart - pendingSegment.baseOffset()), pending);
        pendingStart += pending.limit();
        if (pending.capacity() > MAX_PENDING_BYTES) {
            // One oversized batch should not pin a large buffer for the life of the broker.
            pending = ByteBuffer.allocateDirect(INITIAL_PENDING_BYTES);
        } else {
            pending.clear();
        }
    }

    private Segment ensureRoom(int bytes) throws IOException {
        Segment segment = segments.segmentFor(writeOffset);
        if (segment == null) {
            return segments.roll(writeOffset);
        }
        long remaining = segment.baseOffset() + segmentSize - writeOffset;
        if (remaining >= bytes + MessageRecordLayout.BLANK_RECORD_MIN_SIZE) {
            return segment;
        }
        writePending();
        // Every append leaves at least BLANK_RECORD_MIN_SIZE bytes, so the blank always fits.
        ByteBuffer blank = segment.window((int) (writeOffset - segment.baseOffset()), (int) remaining);
        blank.putInt(MessageRecordLayout.TOTAL_SIZE_OFFSET, (int) remaining);
        blank.putInt(MessageRecordLayout.MAGIC_OFFSET, MessageRecordLayout.BLANK_MAGIC);
        writeOffset += remaining;
        return segments.roll(writeOffset);
    }

    /**
     * Writes what was appended since the last call and makes it visible to readers.
     *
     * @throws IOException if the write fails; nothing of the run is published then
     */
    public void publish() throws IOException {
        writePending();
        committedOffset = writeOffset;
    }

    /**
     * After a failed {@link #append} or {@link #publish}: forgets everything appended since the last
     * publish, so the next append starts where readers' view ends. Bytes of the discarded run that did
     * reach a file are overwritten by later appends; should the machine crash first, recovery may
     * keep them (a put refused to its client but stored, which a retry duplicates; nothing is lost).
     */
    public void discardUnpublished() {
        pending.clear();
        pendingSegment = null;
        writeOffset = committedOffset;
    }

    /**
     * Forces the log up to the committed offset to the device.
     *
     * @return the offset now durable
     */
    public long force() throws IOException {
        long target = committedOffset;
        if (target > flushedOffset) {
            segments.force(flushedOffset, target);
            flushedOffset = target;
        }
        return flushedOffset;
    }

    /**
     * Writes zeros ahead of the write position, {@link #PREPARE_CHUNK} bytes at a time, whenever
     * less than half a chunk is left, so the blocks that the next records land on already exist.
     *
     * <p>Why: a segment is created sparse, and forcing a write into a hole also commits the file
     * system's journal, which records the new blocks. On ext4 a force of 4.5 KiB appended into a hole
     * took 1.6 times as long as one into written blocks (about 210 µs against 130). With the zeros
     * written here, only the one force that carries a chunk pays for its blocks. Artemis fills its
     * journal files before use for the same reason.
     *
     * <p>Called by the writer after {@link #publish}: nothing is pending then, so every byte from
     * the write position on is free, and zeros are what a sparse file reads as anyway. A failure is
     * logged and ends the preparing of that segment; the appends themselves report their own.
     */
    public void prepareAhead() {
        Segment segment = segments.segmentFor(writeOffset);
        if (segment == null || pending.position() != 0) {
            return;
        }
        if (segment != preparedSegment) {
            preparedSegment = segment;
            preparedEnd = writeOffset;
        }
        long segmentEnd = segment.baseOffset() + segmentSize;
        long start = Math.max(preparedEnd, writeOffset);
        if (start - writeOffset >= PREPARE_CHUNK / 2 || start >= segmentEnd) {
            return;
        }
        int length = (int) Math.min(PREPARE_CHUNK, segmentEnd - start);
        try {
            segment.write((int) (start - segment.baseOffset()), ZEROS.duplicate().limit(length));
            preparedEnd = start + length;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot write zeros ahead of the commit log in {}; its later forces may be slower", segment, e);
            preparedEnd = segmentEnd;
        }
    }

    /**
     * Recovery: the log ends at {@code end}. Zeroes the rest of that segment and deletes every later
     * one, so the next append starts there.
     */
    public void truncateTo(long end) throws IOException {
        segments.deleteAfter(end);
        Segment segment = segments.segmentFor(end);
        if (segment != null) {
            int position = (int) (end - segment.baseOffset());
            ByteBuffer tail = segment.window(position, segmentSize - position);
            byte[] zeros = new byte[Math.min(64 * 1024, tail.remaining())];
            while (tail.hasRemaining()) {
                tail.put(zeros, 0, Math.min(zeros.length, tail.remaining()));
            }
            segment.force();
            // The zeros just written are as good as prepareAhead's.
            preparedSegment = segment;
            preparedEnd = segment.baseOffset() + segmentSize;
        }
        writeOffset = end;
        committedOffset = end;
        flushedOffset = end;
    }

    /**
     * A read-only view of {@code size} bytes at physical offset {@code offset}, sharing the mapped
     * memory; null when the bytes are not (or no longer) in the log.
     */
    public ByteBuffer read(long offset, int size) {
        if (offset < 0 || size <= 0 || offset + size > committedOffset) {
            return null;
        }
        Segment segment = segments.segmentFor(offset);
        if (segment == null) {
            return null;
        }
        int position = (int) (offset - segment.baseOffset());
        if (position + size > segmentSize) {
            return null;
        }
        return segment.read(position, size);
    }

    /** The view of the whole record at {@code offset}, or null if there is no record there. */
    public ByteBuffer readRecord(long offset) {
        ByteBuffer head = read(offset, MessageRecordLayout.BLANK_RECORD_MIN_SIZE);
        if (head == null) {
            return null;
        }
        int size = head.getInt(MessageRecordLayout.TOTAL_SIZE_OFFSET);
        int magic = head.getInt(MessageRecordLayout.MAGIC_OFFSET);
        if (magic != MessageRecordLayout.MAGIC_V1 && magic != MessageRecordLayout.MAGIC_V2) {
            return null;
        }
        return read(offset, size);
    }

    /** The store timestamp of the record at {@code offset}, or -1 if there is none. */
    public long storeTimestampAt(long offset) {
        ByteBuffer head = read(offset, MessageRecordLayout.BORN_HOST_OFFSET);
        if (head == null) {
            return -1;
        }
        int sysFlag = head.getInt(MessageRecordLayout.SYS_FLAG_OFFSET);
        ByteBuffer stamp = read(offset + MessageRecordLayout.storeTimestampOffset(sysFlag), 8);
        return stamp == null ? -1 : stamp.getLong(0);
    }

    /** Deletes the oldest {@code count} segments (retention). */
    public void deleteOldest(int count) throws IOException {
        segments.deleteOldest(count);
    }

    public void close() {
        segments.close();
    }
}
