package dev.apogee.store.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An ordered run of equally sized {@link Segment}s in one directory, each file named by the
 * 20-digit log offset of its first byte. The commit log and every consume queue are one each.
 *
 * <p>Thread-safety: mutations (roll, truncate, delete) are synchronized with each other, since the
 * appender rolls while retention deletes; readers look segments up without locking: the list is
 * replaced, never changed in place, and published through a volatile.
 */
public final class SegmentedLog {

    private static final Pattern FILE_NAME = Pattern.compile("\\d{20}");
    private static final Segment[] NONE = new Segment[0];

    private final Path directory;
    private final int segmentSize;
    private final SegmentFactory factory;
    private volatile Segment[] segments = NONE;

    public SegmentedLog(Path directory, int segmentSize, SegmentFactory factory) {
        if (segmentSize <= 0) {
            throw new IllegalArgumentException("segment size must be positive");
        }
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.factory = factory;
    }

    /** The file name of a segment starting at {@code baseOffset}. */
    public static String fileName(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    /**
     * Opens the segments already in the directory.
     *
     * @throws IOException if a file cannot be opened, or the files do not form a gap-free run
     */
    public synchronized void load() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : factory.files(directory)) {
            if (directory.equals(file.getParent()) && FILE_NAME.matcher(file.getFileName().toString()).matches()) {
                files.add(file);
            }
        }
        files.sort(null);
        List<Segment> opened = new ArrayList<>(files.size());
        long expected = -1;
        for (Path file : files) {
            long base = Long.parseLong(file.getFileName().toString());
            if (expected >= 0 && base != expected) {
                throw new IOException("segment " + file + " does not follow the previous one (expected base "
                        + expected + ")");
            }
            if (base % segmentSize != 0) {
                throw new IOException("segment " + file + " is not aligned to the segment size " + segmentSize);
            }
            opened.add(factory.open(file, base, segmentSize));
            expected = base + segmentSize;
        }
        segments = opened.toArray(NONE);
    }

    public Path directory() {
        return directory;
    }

    public int segmentSize() {
        return segmentSize;
    }

    /** A snapshot of the segments, oldest first. */
    public List<Segment> segments() {
        return List.of(segments);
    }

    public boolean isEmpty() {
        return segments.length == 0;
    }

    /** The newest segment, or null when there is none. */
    public Segment last() {
        Segment[] current = segments;
        return current.length == 0 ? null : current[current.length - 1];
    }

    /** The oldest segment, or null when there is none. */
    public Segment first() {
        Segment[] current = segments;
        return current.length == 0 ? null : current[0];
    }

    /** The segment holding log offset {@code offset}, or null when no segment does. */
    public Segment segmentFor(long offset) {
        Segment[] current = segments;
        if (current.length == 0 || offset < current[0].baseOffset()) {
            return null;
        }
        int index = (int) ((offset - current[0].baseOffset()) / segmentSize);
        return index < current.length ? current[index] : null;
    }

    /** The log offset of the oldest byte still kept (0 when empty). */
    public long minOffset() {
        Segment first = first();
        return first == null ? 0 : first.baseOffset();
    }

    /**
     * Creates the segment that starts at {@code baseOffset}, which must be where the last segment
     * ends (or aligned, for the first one); returns the last segment if it already starts there.
     */
    public synchronized Segment roll(long baseOffset) throws IOException {
        Segment last = last();
        if (last != null && last.baseOffset() == baseOffset) {
            // Rolled before by an append run that then failed and was discarded: reuse it.
            return last;
        }
        long expected = last == null ? baseOffset - baseOffset % segmentSize : last.baseOffset() + segmentSize;
        if (baseOffset != expected) {
            throw new IllegalArgumentException("new segment at " + baseOffset + " would not follow at " + expected);
        }
        Segment created = factory.open(directory.resolve(fileName(baseOffset)), baseOffset, segmentSize);
        Segment[] current = segments;
        Segment[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = created;
        segments = next;
        return created;
    }

    /** Deletes every segment that starts after {@code offset} (recovery's torn-tail truncation). */
    public synchronized void deleteAfter(long offset) throws IOException {
        Segment[] current = segments;
        int keep = current.length;
        while (keep > 0 && current[keep - 1].baseOffset() > offset) {
            keep--;
        }
        if (keep == current.length) {
            return;
        }
        segments = Arrays.copyOf(current, keep);
        for (int i = keep; i < current.length; i++) {
            current[i].delete();
        }
    }

    /**
     * Deletes the oldest {@code count} segments (retention). Readers holding one of them keep a valid
     * mapping until they drop it.
     */
    public synchronized void deleteOldest(int count) throws IOException {
        Segment[] current = segments;
        int drop = Math.min(count, current.length);
        if (drop <= 0) {
            return;
        }
        segments = Arrays.copyOfRange(current, drop, current.length);
        for (int i = 0; i < drop; i++) {
            current[i].delete();
        }
    }

    /** Forces the bytes in {@code [fromOffset, toOffset)}, in every segment they touch. */
    public void force(long fromOffset, long toOffset) throws IOException {
        for (Segment segment : segments) {
            long base = segment.baseOffset();
            long end = base + segmentSize;
            if (end > fromOffset && base < toOffset) {
                int from = (int) (Math.max(fromOffset, base) - base);
                int to = (int) (Math.min(toOffset, end) - base);
                segment.force(from, to - from);
            }
        }
    }

    /** Closes every segment (files stay). */
    public void close() {
        for (Segment segment : segments) {
            segment.close();
        }
    }
}
