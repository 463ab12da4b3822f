package dev.apogee.store.index;

import dev.apogee.store.file.SegmentFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The persistent index from message keys and unique ids ({@code topic + "#" + key}) to commit-log
 * (physical) offsets: a run of {@link IndexFile}s named by creation time ({@link IndexFileName}),
 * oldest first; the newest takes new entries until it is full. Lookups compare key hashes and may
 * return offsets of other keys; callers check the records.
 *
 * <p>Physical offsets must be indexed in commit-log order (several keys of one record share an
 * offset): results come newest first, recovery cuts entries by offset, and duplicates are dropped
 * by comparing neighbours, all relying on it.
 *
 * <p>Thread-safety: one writer, the dispatcher thread, calls {@link #load}, {@link #put},
 * {@link #recoverTo}, {@link #deleteFilesBefore}, {@link #flush} and {@link #close}. Queries and the
 * getters run on any thread at the same time. The file list is an immutable array republished by
 * the writer (volatile); each file publishes its own entries ({@link IndexFile}). A file deleted
 * while a query walks it stays readable to that query because {@code Segment.close()} of mapped
 * segments does not unmap (the mapping goes when collected); a segment that unmaps on close would
 * need reference counting here.
 */
public final class KeyIndex {

    private static final Logger LOG = LogManager.getLogger(KeyIndex.class);
    private static final IndexFile[] NONE = new IndexFile[0];

    private final Path directory;
    private final int slotCount;
    private final int entryCount;
    private final int fileSize;
    private final SegmentFactory factory;
    private final LongSupplier clock;
    private volatile IndexFile[] files = NONE;
    private volatile long maxIndexedPhysicalOffset = -1;
    /** Writer only: the newest name given, so the next is after it even if the clock went back. */
    private IndexFileName lastName;
    private boolean loaded;

    /**
     * @param slotCount  hash slots per file ({@link IndexFileLayout#DEFAULT_SLOT_COUNT} in production)
     * @param entryCount entries per file, the unused entry 0 included ({@link IndexFileLayout#DEFAULT_ENTRY_COUNT})
     */
    public KeyIndex(Path directory, int slotCount, int entryCount, SegmentFactory factory) {
        this(directory, slotCount, entryCount, factory, System::currentTimeMillis);
    }

    /** With the clock that names new files (tests). */
    KeyIndex(Path directory, int slotCount, int entryCount, SegmentFactory factory, LongSupplier clock) {
        long size = IndexFileLayout.fileSize(slotCount, entryCount);
        if (slotCount < 1 || entryCount < 2 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an index file of " + slotCount + " slots and " + entryCount
                    + " entries is not possible (at least 1 slot and 2 entries, at most 2 GiB)");
        }
        this.directory = directory;
        this.slotCount = slotCount;
        this.entryCount = entryCount;
        this.fileSize = (int) size;
        this.factory = factory;
        this.clock = clock;
    }

    /**
     * Opens the existing files in name order; the last one takes new entries if it is not full.
     *
     * @throws CorruptIndexFileException if a file does not fit the configured slot and entry counts
     */
    public void load() throws IOException {
        if (loaded) {
            throw new IllegalStateException("the key index in " + directory + " is already loaded");
        }
        loaded = true;
        TreeMap<IndexFileName, Path> byName = new TreeMap<>();
        for (Path path : factory.files(directory)) {
            if (!directory.equals(path.getParent())) {
                continue;
            }
            IndexFileName name = IndexFileName.parse(path.getFileName().toString());
            if (name == null) {
                LOG.warn("Ignoring {}: not an index file name", path);
            } else {
                byName.put(name, path);
            }
        }
        List<IndexFile> opened = new ArrayList<>();
        for (Path path : byName.values()) {
            opened.add(IndexFile.open(factory.open(path, 0, fileSize), slotCount, entryCount));
        }
        lastName = byName.isEmpty() ? null : byName.lastKey();
        publish(opened.toArray(NONE));
    }

    /**
     * Indexes {@code topic#key} at a record's physical offset. Starts a new file when the newest is
     * full or cannot hold this store time ({@link IndexFile#accepts}: the time is before the file's
     * begin timestamp, after the clock was set back).
     *
     * @throws IllegalArgumentException if {@code physicalOffset} is before the largest indexed one
     */
    public void put(String topic, String key, long physicalOffset, long storeTimestamp) throws IOException {
        if (physicalOffset < 0 || physicalOffset < maxIndexedPhysicalOffset) {
            throw new IllegalArgumentException("physical offset " + physicalOffset + " is not past "
                    + maxIndexedPhysicalOffset + ": keys must be indexed in commit-log order");
        }
        int hash = IndexFileLayout.hash(topic, key);
        IndexFile[] current = files;
        IndexFile newest = current.length == 0 ? null : current[current.length - 1];
        if (newest == null || !newest.accepts(storeTimestamp)) {
            newest = newFile();
        }
        newest.put(hash, physicalOffset, storeTimestamp);
        maxIndexedPhysicalOffset = physicalOffset;
    }

    private IndexFile newFile() throws IOException {
        IndexFileName name = IndexFileName.next(lastName, clock.getAsLong());
        IndexFile file = IndexFile.open(factory.open(directory.resolve(name.toString()), 0, fileSize), slotCount, entryCount);
        lastName = name;
        IndexFile[] current = files;
        IndexFile[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = file;
        files = grown;
        return file;
    }

    /**
     * The largest physical offset indexed, -1 if none: the dispatcher indexes only records past it,
     * which makes dispatching again after recovery idempotent.
     */
    public long maxIndexedPhysicalOffset() {
        return maxIndexedPhysicalOffset;
    }

    /**
     * Recovery after the commit log was cut back to {@code commitLogEnd}: every entry at or past it
     * names bytes that no longer exist (or will hold another record). Files that begin at or past it
     * are deleted, the file it falls in is cut back to the entries before it ({@link IndexFile#truncateTo}),
     * and files left empty (also those a crash left unwritten) are deleted. All of it is durable on
     * return: the files are forced before the dispatcher writes new entries over the cut ones.
     *
     * @return the new {@link #maxIndexedPhysicalOffset()}, after which the dispatcher indexes again
     */
    public long recoverTo(long commitLogEnd) throws IOException {
        List<IndexFile> kept = new ArrayList<>();
        for (IndexFile file : files) {
            boolean keep = file.size() > 0 && file.beginPhysicalOffset() < commitLogEnd
                    && (file.endPhysicalOffset() < commitLogEnd || file.truncateTo(commitLogEnd));
            if (keep) {
                kept.add(file);
            } else {
                LOG.info("Deleting index file {}: no entries before the commit log's end {}", file, commitLogEnd);
                file.segment().delete();
            }
        }
        publish(kept.toArray(NONE));
        flush();
        return maxIndexedPhysicalOffset;
    }

    /**
     * Retention: deletes the oldest files whose entries all lie before {@code commitLogMin}, never
     * the newest file (which holds {@link #maxIndexedPhysicalOffset()} across a restart).
     *
     * @return how many files were deleted
     */
    public int deleteFilesBefore(long commitLogMin) throws IOException {
        IndexFile[] current = files;
        int deleted = 0;
        while (deleted < current.length - 1 && current[deleted].endPhysicalOffset() < commitLogMin) {
            deleted++;
        }
        if (deleted > 0) {
            files = Arrays.copyOfRange(current, deleted, current.length);
            for (int i = 0; i < deleted; i++) {
                current[i].segment().delete();
            }
        }
        return deleted;
    }

    private void publish(IndexFile[] newFiles) {
        long max = -1;
        for (IndexFile file : newFiles) {
            if (file.size() > 0) {
                max = Math.max(max, file.endPhysicalOffset());
            }
        }
        files = newFiles;
        maxIndexedPhysicalOffset = max;
    }

    /** Forces the files changed since the last flush. */
    public void flush() throws IOException {
        for (IndexFile file : files) {
            file.flush();
        }
    }

    /** Releases the files; queries then find nothing. Does not flush. */
    public void close() {
        IndexFile[] current = files;
        files = NONE;
        for (IndexFile file : current) {
            file.segment().close();
        }
    }

    /**
     * Physical offsets of entries whose key hash is that of {@code topic#key} and whose store time may
     * lie within {@code [beginTimestamp, endTimestamp]}, newest first, each offset once, at most
     * {@code maxResults}. Never misses an indexed key in range. May include other keys of the same
     * hash and, since times are kept in whole seconds, entries stored up to 999 ms outside the range:
     * callers check the records' keys and store times.
     */
    public List<Long> query(String topic, String key, int maxResults, long beginTimestamp, long endTimestamp) {
        List<Long> found = new ArrayList<>(Math.max(0, Math.min(maxResults, 32)));
        if (maxResults <= 0 || beginTimestamp > endTimestamp) {
            return found;
        }
        int hash = IndexFileLayout.hash(topic, key);
        IndexFile[] current = files;
        for (int i = current.length - 1; i >= 0 && found.size() < maxResults; i--) {
            current[i].collect(hash, beginTimestamp, endTimestamp, maxResults, found);
        }
        return found;
    }

    public int fileCount() {
        return files.length;
    }
}
