package dev.apogee.benchmarks;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.store.FlushMode;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the storage engine alone and prints the figures: put throughput by body size, writer
 * threads and flush mode; read throughput from a consume queue; key lookup latency over many keys.
 *
 * <pre>
 *   java -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.apogee.benchmarks.StoreBenchmark \
 *        [--dir /path/on/the/disk/to/test] [--seconds 5] [--keys 10000000] [--quick]
 * </pre>
 *
 * Each writer thread keeps up to {@value #WINDOW} puts in flight (the broker's request threads do the
 * same: they never wait on the disk), so SYNC_FLUSH figures show what group commit achieves.
 */
public final class StoreBenchmark {

    private static final int WINDOW = 64;
    private static final byte[] HOST = {127, 0, 0, 1};

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path base = Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir")))
                .resolve("apogee-store-bench-" + ProcessHandle.current().pid());
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "5"));
        long keys = Long.parseLong(options.getOrDefault("keys", "10000000"));
        boolean quick = options.containsKey("quick");
        System.out.printf("Apogee store benchmark: %d cores, %d MiB max heap, Java %s, data in %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), base);
        int[] sizes = quick ? new int[] {1024} : new int[] {128, 1024, 16 * 1024};
        int[] threads = quick ? new int[] {4} : new int[] {1, 4, 16};
        System.out.println();
        System.out.println("put throughput");
        System.out.printf("%-11s %6s %7s %12s %10s%n", "flush", "body", "threads", "msgs/s", "MB/s");
        for (FlushMode mode : FlushMode.values()) {
            for (int size : sizes) {
                for (int writers : threads) {
                    Path dir = base.resolve("put-" + mode + "-" + size + "-" + writers);
                    Figures figures = putThroughput(dir, mode, size, writers, Duration.ofSeconds(seconds));
                    System.out.printf("%-11s %6d %7d %,12.0f %10.1f%n", mode, size, writers, figures.perSecond(),
                            figures.megabytesPerSecond());
                    delete(dir);
                }
            }
        }
        System.out.println();
        readThroughput(base.resolve("read"), quick ? 200_000 : 2_000_000);
        delete(base.resolve("read"));
        System.out.println();
        keyLookup(base.resolve("keys"), quick ? 200_000 : keys);
        delete(base);
    }

    private record Figures(double perSecond, double megabytesPerSecond) {
    }

    private static StoreConfig config(Path dir, FlushMode mode) {
        return StoreConfig.defaults(dir).withCommitLogSegmentSize(256 << 20).withFlushMode(mode)
                .withIndexSize(1_000_000, 4_000_000);
    }

    private static MessageDraft draft(int queueId, byte[] body, String key) {
        String properties = key == null ? "" : MessageProperties.format(Map.of(MessageProperties.KEYS, key));
        return new MessageDraft("bench", queueId, 0, 0, System.currentTimeMillis(), HOST, 1, HOST, 10911, 0, 0, body,
                properties);
    }

    private static Figures putThroughput(Path dir, FlushMode mode, int size, int writers, Duration duration)
            throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        try (MessageStore store = MessageStore.open(config(dir, mode), MappedSegmentFactory.INSTANCE)) {
            // Warm up: first touches of fresh pages and JIT.
            runWriters(store, body, writers, Duration.ofSeconds(1));
            long start = System.nanoTime();
            long count = runWriters(store, body, writers, duration);
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Figures(count / elapsed, count * (double) size / elapsed / (1 << 20));
        }
    }

    private static long runWriters(MessageStore store, byte[] body, int writers, Duration duration)
            throws InterruptedException {
        AtomicLong stored = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int queueId = w % 8;
            Thread thread = new Thread(() -> {
                Semaphore window = new Semaphore(WINDOW);
                MessageDraft draft = draft(queueId, body, null);
                while (System.nanoTime() < deadline) {
                    window.acquireUninterruptibly();
                    CompletableFuture<PutResult> put = store.put(draft);
                    put.whenComplete((result, failure) -> {
                        if (result != null && result.stored()) {
                            stored.incrementAndGet();
                        }
                        window.release();
                    });
                }
                window.acquireUninterruptibly(WINDOW);
            }, "bench-writer-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return stored.get();
    }

    private static void readThroughput(Path dir, int messages) throws Exception {
        byte[] body = new byte[1024];
        try (MessageStore store = MessageStore.open(config(dir, FlushMode.ASYNC_FLUSH), MappedSegmentFactory.INSTANCE)) {
            List<CompletableFuture<PutResult>> last = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                last.add(store.put(draft(0, body, null)));
                if (last.size() == 1024) {
                    last.forEach(CompletableFuture::join);
                    last.clear();
                }
            }
            last.forEach(CompletableFuture::join);
            while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
                Thread.sleep(1);
            }
            for (int pass = 0; pass < 2; pass++) {
                long start = System.nanoTime();
                long read = 0;
                long bytes = 0;
                long offset = 0;
                while (offset < messages) {
                    GetResult result = store.get("bench", 0, offset, 32, 256 * 1024, MessageFilter.ALL);
                    read += result.messageCount();
                    bytes += result.totalBytes();
                    offset = result.nextBeginOffset();
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (pass == 1) {
                    System.out.printf("read from a consume queue (1 KiB bodies, 32 per read): %,.0f msgs/s, %.1f MB/s%n",
                            read / elapsed, bytes / elapsed / (1 << 20));
                }
            }
        }
    }

    private static void keyLookup(Path dir, long keys) throws Exception {
        byte[] body = new byte[128];
        try (MessageStore store = MessageStore.open(config(dir, FlushMode.ASYNC_FLUSH)
                .withIndexSize(5_000_000, (int) Math.min(20_000_000, keys + 1)), MappedSegmentFactory.INSTANCE)) {
            List<CompletableFuture<PutResult>> last = new ArrayList<>();
            for (long i = 0; i < keys; i++) {
                last.add(store.put(draft((int) (i % 8), body, "key-" + i)));
                if (last.size() == 4096) {
                    last.forEach(CompletableFuture::join);
                    last.clear();
                }
            }
            last.forEach(CompletableFuture::join);
            while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
                Thread.sleep(5);
            }
            int lookups = 10_000;
            long[] nanos = new long[lookups];
            java.util.Random random = new java.util.Random(42);
            int found = 0;
            for (int i = 0; i < lookups; i++) {
                long key = (long) (random.nextDouble() * keys);
                long start = System.nanoTime();
                found += store.queryByKey("bench", "key-" + key, 32, 0, Long.MAX_VALUE).size();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("key lookup over %,d indexed keys: p50 %.1f us, p99 %.1f us, max %.1f us (%d/%d found)%n",
                    keys, nanos[lookups / 2] / 1e3, nanos[lookups * 99 / 100] / 1e3, nanos[lookups - 1] / 1e3, found,
                    lookups);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
