package dev.apogee.store.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Segments backed by memory-mapped files: writes land in the page cache, so they survive a crash of
 * the process (not of the machine) as soon as they are made, and {@link Segment#force} pushes them
 * to the device.
 *
 * <p>Reads and in-place encoding ({@link Segment#window}) use the mapping; {@link Segment#write} uses
 * positional file writes, which reach the same page-cache pages. Forcing is {@code fdatasync} of the
 * file rather than {@code msync} of the mapping: Linux writes back pages dirtied either way, and the
 * commit log, written with {@code write}, forces in about half the time (measured under the JMS
 * persistent-send benchmark: ~220 µs against ~500 µs for msync of mapped writes), because pages
 * dirtied through the mapping must be write-protected on every CPU before they are written back and
 * fault again on the next write.
 */
public final class MappedSegmentFactory implements SegmentFactory {

    public static final MappedSegmentFactory INSTANCE = new MappedSegmentFactory();

    private MappedSegmentFactory() {
    }

    @Override
    public Segment open(Path path, long baseOffset, int capacity) throws IOException {
        Files.createDirectories(path.getParent());
        boolean created = !Files.exists(path);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            if (file.length() < capacity) {
                // Sets the length without writing: the file is sparse until pages are touched.
                file.setLength(capacity);
            } else if (file.length() > capacity) {
                throw new IOException(path + " is " + file.length() + " bytes, larger than the segment size "
                        + capacity + "; was the segment size changed?");
            }
            // The mapping stays valid after the channel is closed.
            MappedByteBuffer buffer = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
            if (created) {
                forceDirectory(path.getParent());
            }
            return new MappedSegment(path, baseOffset, capacity, buffer);
        }
    }

    /**
     * Makes a new file's name durable. A force of the file alone need not persist the directory
     * entry, and a segment that vanished in an operating-system crash would take acknowledged
     * messages with it. Once per segment, so its cost does not matter.
     */
    private static void forceDirectory(Path directory) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            // Windows cannot open a directory as a file; NTFS journals the entry with the file itself.
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    private static final class MappedSegment implements Segment {
        private final Path path;
        private final long baseOffset;
        private final int capacity;
        private final MappedByteBuffer buffer;
        /**
         * Opened by the first {@link #write} and kept: the commit log writes and forces thousands of
         * times a second. Segments only ever written through windows (consume queues, the key index;
         * there may be thousands) hold no descriptor and open one for each of their rare forces.
         * Written by the segment's one writer; read by the one flusher, hence volatile.
         */
        private volatile FileChannel channel;

        MappedSegment(Path path, long baseOffset, int capacity, MappedByteBuffer buffer) {
            this.path = path;
            this.baseOffset = baseOffset;
            this.capacity = capacity;
            this.buffer = buffer;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public long baseOffset() {
            return baseOffset;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public ByteBuffer window(int position, int length) {
            return buffer.slice(position, length);
        }

        @Override
        public void write(int position, ByteBuffer source) throws IOException {
            if (position < 0 || position + source.remaining() > capacity) {
                throw new IndexOutOfBoundsException(source.remaining() + " bytes at " + position
                        + " do not fit in a segment of " + capacity);
            }
            FileChannel open = channel;
            if (open == null) {
                open = FileChannel.open(path, StandardOpenOption.WRITE);
                channel = open;
            }
            int at = position;
            while (source.hasRemaining()) {
                at += open.write(source, at);
            }
        }

        @Override
        public ByteBuffer read(int position, int length) {
            return buffer.slice(position, length).asReadOnlyBuffer();
        }

        @Override
        public void force() throws IOException {
            FileChannel open = channel;
            if (open != null) {
                open.force(false);
                return;
            }
            try (FileChannel once = FileChannel.open(path, StandardOpenOption.WRITE)) {
                once.force(false);
            }
        }

        /** The whole file: {@code fdatasync} has no range, and pages outside the range are clean anyway. */
        @Override
        public void force(int position, int length) throws IOException {
            force();
        }

        @Override
        public void close() {
            // Java 17 offers no supported unmap; the mapping goes when the buffer is collected.
            FileChannel open = channel;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // Nothing is lost: everything written is in the page cache, forced or not.
                }
            }
        }

        @Override
        public void delete() throws IOException {
            close();
            Files.deleteIfExists(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
