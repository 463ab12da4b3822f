package dev.apogee.store.queue;

import dev.apogee.store.file.Segment;
import dev.apogee.store.file.SegmentFactory;
import dev.apogee.store.file.SegmentedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The consume queue of one (topic, queue id): fixed-size entries ({@link ConsumeQueueLayout}) whose
 * index is the logical queue offset, in a {@link SegmentedLog} of files of {@code entriesPerFile}
 * entries.
 *
 * <p>Thread-safety: one writer (the dispatcher) appends, truncates, deletes and flushes; readers on
 * any thread read entries below {@link #maxOffset()}, which the writer publishes through a volatile
 * after the entry's bytes are written.
 */
public final class ConsumeQueue {

    public static final int ENTRY_SIZE = ConsumeQueueLayout.ENTRY_SIZE;

    private final String topic;
    private final int queueId;
    private final SegmentedLog files;
    private final int fileSize;
    private volatile long minOffset;
    private volatile long maxOffset;
    private volatile long lastPhysicalEnd = -1;
    /** Written by the flush thread (and by recovery, before it runs). */
    private volatile long flushedOffset;

    public ConsumeQueue(String topic, int queueId, Path directory, int entriesPerFile, SegmentFactory factory) {
        this.topic = topic;
        this.queueId = queueId;
        this.fileSize = entriesPerFile * ENTRY_SIZE;
        this.files = new SegmentedLog(directory, fileSize, factory);
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    /** Opens the files and finds the first and last written entries. */
    public void load() throws IOException {
        files.load();
        List<Segment> segments = files.segments();
        if (segments.isEmpty()) {
            minOffset = maxOffset = 0;
            return;
        }
        long first = segments.get(0).baseOffset() / ENTRY_SIZE;
        long end = segments.get(segments.size() - 1).baseOffset() / ENTRY_SIZE + fileSize / ENTRY_SIZE;
        long min = first;
        while (min < end && !written(min)) {
            min++;
        }
        long max = min;
        while (max < end && written(max)) {
            max++;
        }
        minOffset = min;
        maxOffset = max;
        flushedOffset = max;
        lastPhysicalEnd = max > min ? lastEnd(max - 1) : -1;
    }

    private boolean written(long offset) {
        ByteBuffer entry = rawEntry(offset);
        return entry != null && entry.getInt(ConsumeQueueLayout.SIZE_OFFSET) > 0;
    }

    private long lastEnd(long offset) {
        ByteBuffer entry = rawEntry(offset);
        return entry.getLong(ConsumeQueueLayout.PHYSICAL_OFFSET_OFFSET) + entry.getInt(ConsumeQueueLayout.SIZE_OFFSET);
    }

    private ByteBuffer rawEntry(long offset) {
        long position = offset * ENTRY_SIZE;
        Segment segment = files.segmentFor(position);
        return segment == null ? null : segment.read((int) (position - segment.baseOffset()), ENTRY_SIZE);
    }

    /**
     * Appends the entry for {@code queueOffset}. An offset already present is skipped (dispatch after
     * recovery repeats records); a gap is an error, except that an empty queue may start anywhere.
     */
    public void append(long queueOffset, long physicalOffset, int size, long tagsCode) throws IOException {
        long max = maxOffset;
        if (queueOffset < max && max > minOffset) {
            ConsumeQueueEntry existing = entry(queueOffset);
            if (existing != null && existing.physicalOffset() != physicalOffset) {
                throw new IllegalStateException(topic + "/" + queueId + " offset " + queueOffset + " is at "
                        + existing.physicalOffset() + ", not " + physicalOffset);
            }
            return;
        }
        boolean empty = max == minOffset;
        if (queueOffset != max && !empty) {
            throw new IllegalStateException(topic + "/" + queueId + " expects offset " + max + ", got " + queueOffset);
        }
        long position = queueOffset * ENTRY_SIZE;
        Segment segment = files.segmentFor(position);
        if (segment == null) {
            Segment last = files.last();
            long base = position - position % fileSize;
            if (last != null && last.baseOffset() + fileSize != base) {
                // The queue restarts past its old files (all were emptied): start a fresh run.
                files.deleteOldest(files.segments().size());
            }
            segment = files.roll(base);
        }
        ByteBuffer window = segment.window((int) (position - segment.baseOffset()), ENTRY_SIZE);
        window.putLong(ConsumeQueueLayout.TAGS_CODE_OFFSET, tagsCode);
        window.putLong(ConsumeQueueLayout.PHYSICAL_OFFSET_OFFSET, physicalOffset);
        // The size last: an entry counts as written once its size is positive.
        window.putInt(ConsumeQueueLayout.SIZE_OFFSET, size);
        if (empty) {
            minOffset = queueOffset;
        }
        lastPhysicalEnd = physicalOffset + size;
        maxOffset = queueOffset + 1;
    }

    /** Drops every entry whose record ends past {@code commitLogEnd} (recovery). */
    public void truncateAfterPhysical(long commitLogEnd) throws IOException {
        long max = maxOffset;
        long keep = max;
        while (keep > minOffset && lastEnd(keep - 1) > commitLogEnd) {
            keep--;
        }
        if (keep == max) {
            return;
        }
        for (long offset = keep; offset < max; offset++) {
            long position = offset * ENTRY_SIZE;
            Segment segment = files.segmentFor(position);
            if (segment != null) {
                segment.window((int) (position - segment.baseOffset()), ENTRY_SIZE).put(new byte[ENTRY_SIZE]);
            }
        }
        files.deleteAfter(keep * ENTRY_SIZE);
        maxOffset = keep;
        flushedOffset = Math.min(flushedOffset, keep);
        lastPhysicalEnd = keep > minOffset ? lastEnd(keep - 1) : -1;
        files.force(keep * ENTRY_SIZE, max * ENTRY_SIZE);
    }

    /**
     * Retention: deletes whole files whose entries all point below {@code commitLogMin}, then moves the
     * first offset to the first entry that still points into the log.
     *
     * @return the number of files deleted
     */
    public int deleteBeforePhysical(long commitLogMin) throws IOException {
        List<Segment> segments = files.segments();
        int deletable = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            long lastInFile = (segments.get(i).baseOffset() + fileSize) / ENTRY_SIZE - 1;
            if (lastInFile >= maxOffset || lastEnd(lastInFile) > commitLogMin) {
                break;
            }
            deletable++;
        }
        files.deleteOldest(deletable);
        long min = Math.max(minOffset, files.minOffset() / ENTRY_SIZE);
        while (min < maxOffset && rawEntry(min).getLong(ConsumeQueueLayout.PHYSICAL_OFFSET_OFFSET) < commitLogMin) {
            min++;
        }
        minOffset = min;
        return deletable;
    }

    /** Forces the entries written since the last flush. */
    public void flush() throws IOException {
        long max = maxOffset;
        if (max > flushedOffset) {
            files.force(flushedOffset * ENTRY_SIZE, max * ENTRY_SIZE);
            flushedOffset = max;
        }
    }

    public void close() {
        files.close();
    }

    /** Deletes every file of the queue. */
    void delete() throws IOException {
        files.deleteOldest(files.segments().size());
        minOffset = maxOffset = 0;
        lastPhysicalEnd = -1;
    }

    public long minOffset() {
        return minOffset;
    }

    public long maxOffset() {
        return maxOffset;
    }

    /** Where the record of the last entry ends in the commit log, -1 when the queue is empty. */
    public long lastPhysicalEnd() {
        return lastPhysicalEnd;
    }

    /** The entry at {@code queueOffset}, or null outside {@code [minOffset, maxOffset)}. */
    public ConsumeQueueEntry entry(long queueOffset) {
        if (queueOffset < minOffset || queueOffset >= maxOffset) {
            return null;
        }
        ByteBuffer entry = rawEntry(queueOffset);
        if (entry == null) {
            return null;
        }
        return new ConsumeQueueEntry(entry.getLong(ConsumeQueueLayout.PHYSICAL_OFFSET_OFFSET),
                entry.getInt(ConsumeQueueLayout.SIZE_OFFSET), entry.getLong(ConsumeQueueLayout.TAGS_CODE_OFFSET));
    }

    /**
     * A read-only view of up to {@code maxEntries} consecutive entries from {@code fromQueueOffset},
     * never crossing a file end (callers loop); empty outside {@code [minOffset, maxOffset)}.
     */
    public ByteBuffer entries(long fromQueueOffset, int maxEntries) {
        long max = maxOffset;
        if (fromQueueOffset < minOffset || fromQueueOffset >= max || maxEntries <= 0) {
            return ByteBuffer.allocate(0);
        }
        long position = fromQueueOffset * ENTRY_SIZE;
        Segment segment = files.segmentFor(position);
        if (segment == null) {
            return ByteBuffer.allocate(0);
        }
        int inFile = (int) (position - segment.baseOffset());
        long count = Math.min(Math.min(maxEntries, max - fromQueueOffset), (fileSize - inFile) / ENTRY_SIZE);
        return segment.read(inFile, (int) count * ENTRY_SIZE);
    }

    /**
     * Binary search by store time over {@code [minOffset, maxOffset)}: the first offset stored at or
     * after {@code timestamp}, or with {@code upperBound} the last one stored at or before it.
     *
     * @param storeTimeOfPhysicalOffset the store time of the record at a physical offset, -1 if gone
     */
    public long offsetForTime(long timestamp, boolean upperBound, LongUnaryOperator storeTimeOfPhysicalOffset) {
        long low = minOffset;
        long high = maxOffset - 1;
        if (high < low) {
            return 0;
        }
        long found = upperBound ? low : maxOffset;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            ConsumeQueueEntry entry = entry(middle);
            long time = entry == null ? -1 : storeTimeOfPhysicalOffset.applyAsLong(entry.physicalOffset());
            if (upperBound ? time <= timestamp : time >= timestamp) {
                found = middle;
                if (upperBound) {
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            } else if (upperBound) {
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        return found;
    }
}
