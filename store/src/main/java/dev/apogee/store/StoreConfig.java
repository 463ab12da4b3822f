package dev.apogee.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link MessageStore}, fixed once it opens.
 *
 * @param root                      the store's directory (commit log, consume queues, index, checkpoint)
 * @param commitLogSegmentSize      bytes per commit-log segment (1 GiB by default; a few MiB in tests)
 * @param consumeQueueEntriesPerFile entries per consume-queue file
 * @param indexSlots                hash slots per key-index file
 * @param indexEntries              entries per key-index file
 * @param flushMode                 when a put counts as stored
 * @param flushInterval             how often ASYNC_FLUSH forces the commit log (and, in both modes, the
 *                                  consume queues and index)
 * @param syncFlushTimeout          how long a SYNC_FLUSH put waits for its force before it completes
 *                                  with {@link PutStatus#FLUSH_DISK_TIMEOUT} (the record is stored)
 * @param putQueueCapacity          puts waiting for the appender before new ones are refused as busy
 * @param maxMessageSize            largest record accepted
 * @param retention                 segments older than this may be deleted
 * @param diskHighWaterRatio        above this fraction of the disk in use, oldest segments are deleted
 *                                  regardless of age
 */
public record StoreConfig(Path root, int commitLogSegmentSize, int consumeQueueEntriesPerFile, int indexSlots,
                          int indexEntries, FlushMode flushMode, Duration flushInterval, Duration syncFlushTimeout,
                          int putQueueCapacity, int maxMessageSize, Duration retention, double diskHighWaterRatio) {

    public StoreConfig {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(flushMode, "flushMode");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(syncFlushTimeout, "syncFlushTimeout");
        Objects.requireNonNull(retention, "retention");
        if (commitLogSegmentSize < 64 * 1024) {
            throw new IllegalArgumentException("commit-log segments must be at least 64 KiB");
        }
        if (maxMessageSize <= 0 || maxMessageSize > commitLogSegmentSize / 2) {
            throw new IllegalArgumentException("maxMessageSize must be positive and at most half a segment");
        }
        if (consumeQueueEntriesPerFile < 2 || indexSlots < 1 || indexEntries < 2 || putQueueCapacity < 1) {
            throw new IllegalArgumentException("file and queue sizes must be positive");
        }
        if (diskHighWaterRatio <= 0 || diskHighWaterRatio > 1) {
            throw new IllegalArgumentException("diskHighWaterRatio must be in (0, 1]");
        }
    }

    /** Production defaults: 1 GiB segments, ASYNC_FLUSH every 500 ms, 72 h retention, 4 MiB messages. */
    public static StoreConfig defaults(Path root) {
        return new StoreConfig(root, 1 << 30, 300_000, 5_000_000, 20_000_000, FlushMode.ASYNC_FLUSH,
                Duration.ofMillis(500), Duration.ofSeconds(5), 100_000, 4 * 1024 * 1024 + 64 * 1024,
                Duration.ofHours(72), 0.75);
    }

    /** Small files for tests: 4 MiB segments, tiny queue and index files. */
    public static StoreConfig forTests(Path root) {
        return new StoreConfig(root, 4 << 20, 1_000, 1_024, 4_096, FlushMode.ASYNC_FLUSH, Duration.ofMillis(100),
                Duration.ofSeconds(5), 10_000, 1 << 20, Duration.ofHours(72), 0.95);
    }

    public StoreConfig withFlushMode(FlushMode mode) {
        return new StoreConfig(root, commitLogSegmentSize, consumeQueueEntriesPerFile, indexSlots, indexEntries, mode,
                flushInterval, syncFlushTimeout, putQueueCapacity, maxMessageSize, retention, diskHighWaterRatio);
    }

    /** Another segment size; the maximum message size shrinks to half a segment if it was larger. */
    public StoreConfig withCommitLogSegmentSize(int size) {
        return new StoreConfig(root, size, consumeQueueEntriesPerFile, indexSlots, indexEntries, flushMode,
                flushInterval, syncFlushTimeout, putQueueCapacity, Math.min(maxMessageSize, size / 2), retention,
                diskHighWaterRatio);
    }

    public StoreConfig withFlushInterval(Duration interval) {
        return new StoreConfig(root, commitLogSegmentSize, consumeQueueEntriesPerFile, indexSlots, indexEntries,
                flushMode, interval, syncFlushTimeout, putQueueCapacity, maxMessageSize, retention, diskHighWaterRatio);
    }

    public StoreConfig withRetention(Duration newRetention, double highWaterRatio) {
        return new StoreConfig(root, commitLogSegmentSize, consumeQueueEntriesPerFile, indexSlots, indexEntries,
                flushMode, flushInterval, syncFlushTimeout, putQueueCapacity, maxMessageSize, newRetention,
                highWaterRatio);
    }

    public StoreConfig withIndexSize(int slots, int entries) {
        return new StoreConfig(root, commitLogSegmentSize, consumeQueueEntriesPerFile, slots, entries, flushMode,
                flushInterval, syncFlushTimeout, putQueueCapacity, maxMessageSize, retention, diskHighWaterRatio);
    }

    public Path commitLogDirectory() {
        return root.resolve("commitlog");
    }

    public Path consumeQueueDirectory() {
        return root.resolve("consumequeue");
    }

    public Path indexDirectory() {
        return root.resolve("index");
    }
}
