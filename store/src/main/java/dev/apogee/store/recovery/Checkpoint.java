package dev.apogee.store.recovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * What is known durable, kept in a small file beside the logs:
 *
 * <pre>
 *  int32 magic | int64 commit log durable up to | int64 queues and index durable up to | int32 CRC32 of the previous 20 bytes
 * </pre>
 *
 * Each write goes to a temporary file that is forced and then renamed over the old one, so the
 * file is always one whole version. Recovery trusts a record before the commit-log mark to have
 * been durable: a bad record there is corruption, not a torn write.
 *
 * <p>Thread-safety: the two marks are updated from the flush and dispatch threads; {@link #persist}
 * is synchronized.
 */
public final class Checkpoint {

    private static final int MAGIC = 0x41504743; // "APGC"
    private static final int SIZE = 4 + 8 + 8 + 4;

    private final Path file;
    private volatile long commitLogDurable;
    private volatile long queuesDurable;
    static final long COMMIT_LOG_PERSIST_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
    /** Only the commit log's flush thread reads and writes it. */
    private long lastCommitLogPersist = System.nanoTime() - COMMIT_LOG_PERSIST_INTERVAL_NANOS;

    private Checkpoint(Path file, long commitLogDurable, long queuesDurable) {
        this.file = file;
        this.commitLogDurable = commitLogDurable;
        this.queuesDurable = queuesDurable;
    }

    /**
     * Reads the checkpoint, or starts a fresh one (both marks 0) if there is none.
     *
     * @throws IOException if the file exists but is damaged
     */
    public static Checkpoint load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Checkpoint(file, 0, 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length != SIZE || buffer.getInt(0) != MAGIC) {
            throw new IOException("checkpoint " + file + " is damaged (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, SIZE - 4);
        if ((int) crc.getValue() != buffer.getInt(SIZE - 4)) {
            throw new IOException("checkpoint " + file + " fails its CRC");
        }
        return new Checkpoint(file, buffer.getLong(4), buffer.getLong(12));
    }

    public long commitLogDurable() {
        return commitLogDurable;
    }

    public long queuesDurable() {
        return queuesDurable;
    }

    /**
     * Records that the commit log is durable up to {@code offset}; persists the checkpoint at most
     * every {@link #COMMIT_LOG_PERSIST_INTERVAL_NANOS}. Under SYNC_FLUSH this is called after every
     * group commit, and writing the file each time (a write, a full fsync and a rename) cost more disk
     * time than the commit itself. A mark that lags by a fraction of a second only makes recovery
     * check a little more of the log; the queues' mark and {@link #reset} still persist at once.
     */
    public void commitLogFlushed(long offset) throws IOException {
        commitLogDurable = offset;
        long now = System.nanoTime();
        if (now - lastCommitLogPersist >= COMMIT_LOG_PERSIST_INTERVAL_NANOS) {
            lastCommitLogPersist = now;
            persist();
        }
    }

    /** Records that queues and index are durable up to {@code offset} and persists the checkpoint. */
    public void queuesFlushed(long offset) throws IOException {
        queuesDurable = offset;
        persist();
    }

    /** Sets both marks (recovery, after forcing everything). */
    public void reset(long commitLogOffset, long queuesOffset) throws IOException {
        commitLogDurable = commitLogOffset;
        queuesDurable = queuesOffset;
        persist();
    }

    private synchronized void persist() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.putInt(MAGIC).putLong(commitLogDurable).putLong(queuesDurable);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, SIZE - 4);
        buffer.putInt((int) crc.getValue()).flip();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
