package dev.apogee.store.crash;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.store.FlushMode;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link CrashRecoveryIT}: opens a store and puts messages from several threads
 * until it is killed, printing one line per acknowledged put: {@code ACK seq queueId queueOffset physicalOffset}.
 * A line is printed only after the store said the put is stored, so every printed put must survive.
 */
public final class CrashWorker {

    public static final String TOPIC = "crash-test";
    public static final int QUEUES = 4;
    public static final int THREADS = 4;

    private CrashWorker() {
    }

    /** The body of message {@code seq}: its number, then filler derived from it. */
    public static byte[] body(long seq) {
        int size = 64 + (int) (seq % 900);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (seq * 31 + i);
        }
        return body;
    }

    public static String key(long seq) {
        return "key-" + seq;
    }

    public static StoreConfig config(Path root, FlushMode mode) {
        // Small segments so that runs cross segment boundaries; a slow async flush so that a kill
        // usually lands with unflushed data in the page cache.
        return StoreConfig.forTests(root).withCommitLogSegmentSize(1 << 20).withFlushMode(mode)
                .withFlushInterval(Duration.ofMillis(mode == FlushMode.ASYNC_FLUSH ? 2_000 : 200));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        FlushMode mode = FlushMode.valueOf(args[1]);
        long firstSeq = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, false);
        MessageStore store = MessageStore.open(config(root, mode), MappedSegmentFactory.INSTANCE);
        out.println("READY");
        out.flush();
        AtomicLong next = new AtomicLong(firstSeq);
        byte[] host = {127, 0, 0, 1};
        for (int t = 0; t < THREADS; t++) {
            Thread producer = new Thread(() -> {
                while (true) {
                    long seq = next.getAndIncrement();
                    int queueId = (int) (seq % QUEUES);
                    String properties = MessageProperties.format(Map.of(MessageProperties.KEYS, key(seq)));
                    MessageDraft draft = new MessageDraft(TOPIC, queueId, 0, 0, System.currentTimeMillis(), host, 1,
                            host, 10911, 0, 0, body(seq), properties);
                    PutResult result = store.put(draft).join();
                    if (result.stored()) {
                        synchronized (out) {
                            out.println("ACK " + seq + " " + queueId + " " + result.queueOffset() + " "
                                    + result.physicalOffset());
                            out.flush();
                        }
                    }
                }
            }, "crash-producer-" + t);
            producer.start();
        }
        Thread.currentThread().join();
    }
}
