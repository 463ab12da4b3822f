package dev.apogee.store.index;

import dev.apogee.store.file.SegmentFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The persistent index from message keys and unique ids to commit-log offsets: a run of
 * {@link IndexFile}s, the newest being written, named by creation time.
 *
 * <p>Thread-safety: one writer (the dispatcher) calls put, recover, delete and flush; queries run on
 * any thread. The file list is copy-on-write.
 */
public final class KeyIndex {

    private static final Pattern FILE_NAME = Pattern.compile("\\d{17}(-\\d+)?");
    private static final DateTimeFormatter NAME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final Path directory;
    private final int slots;
    private final int entries;
    private final SegmentFactory factory;
    private final int fileSize;
    private final List<IndexFile> files = new CopyOnWriteArrayList<>();
    private volatile long maxIndexedPhysicalOffset = -1;
    private String lastName = "";

    public KeyIndex(Path directory, int slotCount, int entryCount, SegmentFactory factory) {
        long size = IndexFileLayout.fileSize(slotCount, entryCount);
        if (slotCount < 1 || entryCount < 2 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("index file of " + slotCount + " slots and " + entryCount
                    + " entries is not possible");
        }
        this.directory = directory;
        this.slots = slotCount;
        this.entries = entryCount;
        this.factory = factory;
        this.fileSize = (int) size;
    }

    /** Opens the existing files, oldest first. */
    public void load() throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path file : factory.files(directory)) {
            if (directory.equals(file.getParent()) && FILE_NAME.matcher(file.getFileName().toString()).matches()) {
                names.add(file);
            }
        }
        names.sort(null);
        for (Path name : names) {
            IndexFile file = new IndexFile(factory.open(name, 0, fileSize), slots, entries);
            files.add(file);
            if (!file.isEmpty()) {
                maxIndexedPhysicalOffset = Math.max(maxIndexedPhysicalOffset, file.endPhysicalOffset());
            }
            lastName = name.getFileName().toString();
        }
    }

    /** Indexes {@code topic#key} at a record's offset. */
    public void put(String topic, String key, long physicalOffset, long storeTimestamp) throws IOException {
        IndexFile current = files.isEmpty() ? null : files.get(files.size() - 1);
        if (current == null || current.isFull()) {
            current = newFile();
        }
        current.put(IndexFileLayout.hash(topic, key), physicalOffset, storeTimestamp);
        maxIndexedPhysicalOffset = Math.max(maxIndexedPhysicalOffset, physicalOffset);
    }

    private IndexFile newFile() throws IOException {
        String name = LocalDateTime.now().format(NAME_FORMAT);
        if (name.compareTo(lastName.length() >= 17 ? lastName.substring(0, 17) : lastName) <= 0) {
            name = lastName.substring(0, 17) + "-" + (sequence(lastName) + 1);
        }
        lastName = name;
        IndexFile file = new IndexFile(factory.open(directory.resolve(name), 0, fileSize), slots, entries);
        files.add(file);
        return file;
    }

    private static int sequence(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? 0 : Integer.parseInt(name.substring(dash + 1));
    }

    /** The largest offset indexed, -1 if none: records at or before it are not indexed again. */
    public long maxIndexedPhysicalOffset() {
        return maxIndexedPhysicalOffset;
    }

    /**
     * Recovery: deletes every file holding entries at or past {@code commitLogEnd} (entries cannot be
     * cut out of chains), so the dispatcher indexes those records again.
     *
     * @return the new {@link #maxIndexedPhysicalOffset()}
     */
    public long recoverTo(long commitLogEnd) throws IOException {
        while (!files.isEmpty()) {
            IndexFile last = files.get(files.size() - 1);
            if (last.isEmpty() || last.endPhysicalOffset() < commitLogEnd) {
                break;
            }
            files.remove(files.size() - 1);
            last.segment().delete();
        }
        long max = -1;
        for (IndexFile file : files) {
            if (!file.isEmpty()) {
                max = Math.max(max, file.endPhysicalOffset());
            }
        }
        maxIndexedPhysicalOffset = max;
        return max;
    }

    /** Retention: deletes files whose entries all point before {@code commitLogMin}, never the newest. */
    public int deleteFilesBefore(long commitLogMin) throws IOException {
        int deleted = 0;
        while (files.size() > 1 && files.get(0).endPhysicalOffset() < commitLogMin) {
            IndexFile oldest = files.remove(0);
            oldest.segment().delete();
            deleted++;
        }
        return deleted;
    }

    public void flush() throws IOException {
        for (IndexFile file : files) {
            file.flush();
        }
    }

    public void close() {
        for (IndexFile file : files) {
            file.segment().close();
        }
    }

    /** Offsets of records indexed under {@code topic#key} within the time range, newest first. */
    public List<Long> query(String topic, String key, int maxResults, long beginTimestamp, long endTimestamp) {
        int hash = IndexFileLayout.hash(topic, key);
        List<Long> found = new ArrayList<>();
        List<IndexFile> snapshot = List.copyOf(files);
        for (int i = snapshot.size() - 1; i >= 0 && found.size() < maxResults; i--) {
            IndexFile file = snapshot.get(i);
            if (file.isEmpty() || file.endTimestamp() + 1000 < beginTimestamp || file.beginTimestamp() - 1000 > endTimestamp) {
                continue;
            }
            file.query(hash, beginTimestamp, endTimestamp, maxResults, found);
        }
        return found;
    }

    public int fileCount() {
        return files.size();
    }
}
