package dev.apogee.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of the file system under segments for crash tests: each file's bytes live in memory, and
 * {@link #crash()} throws away everything that was written but not forced, as a power loss would.
 * Segments opened again after a crash see only the forced bytes. Files deleted are gone.
 *
 * <p>Thread-safety: safe for one writer per segment and concurrent readers, like real segments.
 */
public final class VolatileSegmentFactory implements SegmentFactory {

    private final Map<Path, FakeFile> files = new ConcurrentHashMap<>();
    private volatile boolean failWrites;
    private volatile java.util.concurrent.CountDownLatch forcesHeld = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger forcesWaiting = new java.util.concurrent.atomic.AtomicInteger();

    private static final class FakeFile {
        final ByteBuffer memory;
        final byte[] durable;

        FakeFile(int capacity) {
            memory = ByteBuffer.allocate(capacity);
            durable = new byte[capacity];
        }
    }

    @Override
    public Segment open(Path path, long baseOffset, int capacity) {
        FakeFile file = files.computeIfAbsent(path, p -> new FakeFile(capacity));
        return new FakeSegment(path, baseOffset, capacity, file);
    }

    @Override
    public List<Path> files(Path root) {
        return files.keySet().stream().filter(path -> path.startsWith(root)).sorted().toList();
    }

    /** Loses every unforced byte of every file: memory becomes what was last forced. */
    public void crash() {
        for (FakeFile file : files.values()) {
            synchronized (file) {
                file.memory.clear();
                file.memory.put(file.durable);
                file.memory.clear();
            }
        }
    }

    /**
     * While on, {@link Segment#write} stores the first half of what it is given and then fails, as a
     * disk that fills up in the middle of a write does.
     */
    public void failWrites(boolean fail) {
        this.failWrites = fail;
    }

    /** Until {@link #releaseForces}, every force waits: a disk that takes its time. */
    public void holdForces() {
        forcesHeld = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseForces() {
        forcesHeld.countDown();
    }

    /** How many forces are waiting for {@link #releaseForces} now. */
    public int forcesWaiting() {
        return forcesWaiting.get();
    }

    private void awaitForce() throws IOException {
        forcesWaiting.incrementAndGet();
        try {
            forcesHeld.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the force was held", e);
        } finally {
            forcesWaiting.decrementAndGet();
        }
    }

    /** Whether a file exists (was opened and not deleted). */
    public boolean exists(Path path) {
        return files.containsKey(path);
    }

    private final class FakeSegment implements Segment {
        private final Path path;
        private final long baseOffset;
        private final int capacity;
        private final FakeFile file;

        FakeSegment(Path path, long baseOffset, int capacity, FakeFile file) {
            this.path = path;
            this.baseOffset = baseOffset;
            this.capacity = capacity;
            this.file = file;
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
            return file.memory.slice(position, length);
        }

        @Override
        public void write(int position, ByteBuffer source) throws IOException {
            if (failWrites) {
                int half = source.remaining() / 2;
                window(position, half).put(source.slice(source.position(), half));
                throw new IOException("No space left on device (simulated)");
            }
            window(position, source.remaining()).put(source);
        }

        @Override
        public ByteBuffer read(int position, int length) {
            return file.memory.slice(position, length).asReadOnlyBuffer();
        }

        @Override
        public void force() throws IOException {
            awaitForce();
            synchronized (file) {
                file.memory.get(0, file.durable);
            }
        }

        /** Only the range survives a crash, so a caller forcing the wrong range loses data in tests. */
        @Override
        public void force(int position, int length) throws IOException {
            awaitForce();
            synchronized (file) {
                file.memory.get(position, file.durable, position, length);
            }
        }

        @Override
        public void close() {
        }

        @Override
        public void delete() {
            files.remove(path);
        }
    }
}
