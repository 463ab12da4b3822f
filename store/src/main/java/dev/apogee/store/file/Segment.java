package dev.apogee.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One fixed-size file of a segmented log. All segment I/O of the store goes through this interface,
 * so tests can plug in a fake that loses what was never forced.
 *
 * <p>Bytes written through {@link #window} are visible to {@link #read} at once (both see the same
 * memory); they survive a process crash when the implementation is memory-mapped (the page cache
 * keeps them), and an operating-system crash only once {@link #force} has returned.
 *
 * <p>Thread-safety: one writer at a time; any number of concurrent readers of positions the writer
 * has published by other means (a volatile write position held by the segment's owner).
 */
public interface Segment {

    /** The file. */
    Path path();

    /** The log offset of this segment's first byte (its file name). */
    long baseOffset();

    /** The segment's fixed size in bytes. */
    int capacity();

    /**
     * A writable view of {@code length} bytes at {@code position}, for encoding in place: its
     * position is 0 and its limit {@code length}. Only the owning writer may use it.
     */
    ByteBuffer window(int position, int length);

    /**
     * Writes {@code source}'s remaining bytes at {@code position}, leaving {@code source} consumed.
     * They are visible to {@link #read} at once, as bytes encoded through {@link #window} are.
     * Implementations may write through the file rather than the mapping when that forces faster.
     */
    default void write(int position, ByteBuffer source) throws IOException {
        window(position, source.remaining()).put(source);
    }

    /** A read-only view of {@code length} bytes at {@code position}, sharing the segment's memory. */
    ByteBuffer read(int position, int length);

    /** Makes everything written so far durable against an operating-system crash. */
    void force() throws IOException;

    /**
     * Makes what was written in {@code [position, position + length)} durable. A force costs in
     * proportion to the range it covers, so callers that know what changed pass just that.
     */
    default void force(int position, int length) throws IOException {
        force();
    }

    /** Releases the segment's resources; reads after this are undefined. */
    void close();

    /** Closes and deletes the file. */
    void delete() throws IOException;
}
