package dev.apogee.client.consumer.offset;

import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offsets of a broadcasting consumer, which only it knows: one file per group in a directory, a line
 * {@code topic<TAB>brokerName<TAB>queueId<TAB>offset} per queue. Written to a temporary file, forced to
 * disk and moved over the old one, so a crash leaves either the old or the new file, never half of one.
 * Queues given up keep their last offset in the file: a broadcasting member reads them all again later.
 */
public final class LocalOffsetStore implements OffsetStore {

    private final Path file;
    private final MemoryOffsets memory = new MemoryOffsets();
    /** Everything the file holds, including queues not consumed right now; written whole. */
    private final Map<MessageQueue, Long> stored = new ConcurrentHashMap<>();

    /**
     * The store of {@code group} in {@code directory} (created if missing), loading the file if there is one.
     *
     * @throws ClientException if the file exists but cannot be read or parsed
     */
    public LocalOffsetStore(Path directory, String group) {
        this.file = directory.resolve(group + ".offsets");
        stored.putAll(load(file));
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }

    static Map<MessageQueue, Long> load(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<MessageQueue, Long> offsets = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 4) {
                    throw new ClientException("offset file " + file + " has a malformed line: " + line, null);
                }
                offsets.put(new MessageQueue(fields[0], fields[1], Integer.parseInt(fields[2])),
                        Long.parseLong(fields[3]));
            }
        } catch (IOException e) {
            throw new ClientException("cannot read the offset file " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new ClientException("offset file " + file + " holds a malformed number: " + e.getMessage(), e);
        }
        return offsets;
    }

    @Override
    public long readStored(MessageQueue queue) {
        return stored.getOrDefault(queue, -1L);
    }

    @Override
    public long current(MessageQueue queue) {
        return memory.current(queue);
    }

    @Override
    public void update(MessageQueue queue, long offset, boolean onlyForward) {
        memory.update(queue, offset, onlyForward);
    }

    /** Writes every offset (not only those of {@code queues}: the file is one whole). */
    @Override
    public synchronized void persist(Collection<MessageQueue> queues) {
        stored.putAll(memory.snapshot());
        write(file, Map.copyOf(stored));
    }

    static void write(Path file, Map<MessageQueue, Long> offsets) {
        StringBuilder text = new StringBuilder();
        List<Map.Entry<MessageQueue, Long>> entries = offsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).toList();
        for (Map.Entry<MessageQueue, Long> entry : entries) {
            MessageQueue queue = entry.getKey();
            text.append(queue.topic()).append('\t').append(queue.brokerName()).append('\t').append(queue.queueId())
                    .append('\t').append(entry.getValue()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the offset file " + file, e);
        }
    }

    @Override
    public void forget(MessageQueue queue) {
        memory.forget(queue);
    }
}
