package dev.apogee.store.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Segments backed by memory-mapped files: writes land in the page cache, so they survive a crash of
 * the process (not of the machine) as soon as they are made, and {@link Segment#force} pushes them
 * to the device.
 */
public final class MappedSegmentFactory implements SegmentFactory {

    public static final MappedSegmentFactory INSTANCE = new MappedSegmentFactory();

    private MappedSegmentFactory() {
    }

    @Override
    public Segment open(Path path, long baseOffset, int capacity) throws IOException {
        Files.createDirectories(path.getParent());
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
            return new MappedSegment(path, baseOffset, capacity, buffer);
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
        public ByteBuffer read(int position, int length) {
            return buffer.slice(position, length).asReadOnlyBuffer();
        }

        @Override
        public void force() {
            buffer.force();
        }

        @Override
        public void force(int position, int length) {
            buffer.force(position, length);
        }

        @Override
        public void close() {
            // Java 17 offers no supported unmap; the mapping goes when the buffer is collected.
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
