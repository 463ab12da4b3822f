package dev.apogee.store.recovery;

import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageRecordLayout;
import dev.apogee.store.file.Segment;
import dev.apogee.store.file.SegmentedLog;
import java.nio.ByteBuffer;

/**
 * Finds where a commit log really ends: walks the records from a known record boundary and checks
 * each one in full (magic, size, field lengths, body CRC, its own physical offset). The first
 * record that does not check out, or a zero magic, is the end.
 *
 * <p>Thread-safety: none needed; runs before the store's threads start.
 */
public final class CommitLogScanner {

    /** Where the scan stopped, and why. */
    public record ScanResult(long end, long recordsChecked, String stopReason) {
    }

    private final SegmentedLog segments;

    public CommitLogScanner(SegmentedLog segments) {
        this.segments = segments;
    }

    /** Scans from {@code start}, which must be the first byte of a record or of a segment. */
    public ScanResult scan(long start) {
        long position = start;
        long checked = 0;
        int segmentSize = segments.segmentSize();
        while (true) {
            Segment segment = segments.segmentFor(position);
            if (segment == null) {
                return new ScanResult(position, checked, "end of the last segment");
            }
            int offsetInSegment = (int) (position - segment.baseOffset());
            int left = segmentSize - offsetInSegment;
            if (left < MessageRecordLayout.BLANK_RECORD_MIN_SIZE) {
                return new ScanResult(position, checked, "segment ends without a blank record at " + position);
            }
            ByteBuffer head = segment.read(offsetInSegment, MessageRecordLayout.BLANK_RECORD_MIN_SIZE);
            int size = head.getInt(MessageRecordLayout.TOTAL_SIZE_OFFSET);
            int magic = head.getInt(MessageRecordLayout.MAGIC_OFFSET);
            if (magic == 0) {
                return new ScanResult(position, checked, "no record at " + position);
            }
            if (magic == MessageRecordLayout.BLANK_MAGIC) {
                if (size != left) {
                    return new ScanResult(position, checked, "blank record at " + position + " has size " + size
                            + " but " + left + " bytes are left in its segment");
                }
                position += left;
                continue;
            }
            if (size <= 0 || size > left) {
                return new ScanResult(position, checked, "record at " + position + " claims size " + size);
            }
            try {
                long recordedOffset = MessageRecordCodec.decode(segment.read(offsetInSegment, size), true).physicalOffset();
                if (recordedOffset != position) {
                    return new ScanResult(position, checked, "record at " + position + " says it is at " + recordedOffset);
                }
            } catch (MalformedRecordException e) {
                return new ScanResult(position, checked, "record at " + position + ": " + e.getMessage());
            }
            position += size;
            checked++;
        }
    }
}
