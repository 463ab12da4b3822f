package dev.apogee.remoting.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a leaked {@link ByteBuf} fail the test that was running when the leak was found.
 *
 * <p>Netty's own detector only logs a leak, and only once the buffer has been garbage collected
 * and a later allocation polls the reference queue. This extension installs a leak-detector
 * factory whose detectors record every report; after each test it forces a collection and
 * allocates until a deliberately dropped "canary" buffer is itself reported, so every buffer that
 * became unreachable before the canary has been seen too, then fails if anything else was
 * reported. A leak found by the check after test B may have been caused by test A of the same
 * JVM; either way the build fails and the report's access records point at the culprit.
 *
 * <p>The factory must be in place before Netty's buffer classes initialize (they create their
 * detector once, in a static initializer), so every test class that touches Netty uses
 * {@code @ExtendWith(NettyLeakCheck.class)}; if something initialized the buffers earlier the
 * first check throws instead of passing silently.
 *
 * <p>Thread-safety: the reports list is concurrent; detectors report from any allocating thread.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static final Set<String> TRACKED_TYPES = ConcurrentHashMap.newKeySet();
    private static final long CANARY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        // Paranoid tracks every buffer; the build sets it too, but an IDE run may not.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureInstalled();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks();
    }

    /** Throws unless Netty's buffers report leaks to this class. */
    public static void ensureInstalled() {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        if (!TRACKED_TYPES.contains(ByteBuf.class.getName())) {
            throw new IllegalStateException("Netty's ByteBuf leak detector was created before NettyLeakCheck "
                    + "installed its factory: leaks would go unnoticed. Register the extension on the first "
                    + "test class that touches Netty.");
        }
    }

    /** Fails with every leak reported since the last check. */
    public static void assertNoLeaks() {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked Netty resource(s):\n" + String.join("\n\n", leaks));
        }
    }

    /**
     * Collects garbage until the canary is reported and returns (and forgets) every other report:
     * the buffers that were unreachable but never released.
     */
    public static List<String> collectLeaks() {
        ensureInstalled();
        String token = "leak-check-canary-" + UUID.randomUUID();
        dropCanary(token);
        long deadline = System.nanoTime() + CANARY_TIMEOUT_NANOS;
        while (REPORTS.stream().noneMatch(report -> report.contains(token))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the leak canary was never reported; cannot tell whether "
                        + "buffers leaked");
            }
            System.gc();
            // Detectors poll their reference queue when they track a new resource.
            ByteBufAllocator.DEFAULT.heapBuffer(1).release();
            Thread.onSpinWait();
        }
        List<String> leaks = new ArrayList<>();
        for (String report : REPORTS) {
            REPORTS.remove(report);
            if (!report.contains(token)) {
                leaks.add(report);
            }
        }
        return leaks;
    }

    private static void dropCanary(String token) {
        // Allocated, touched with the token and never released: this one is meant to leak. Pooled,
        // because unpooled heap buffers are left to the garbage collector and never tracked.
        ByteBuf canary = ByteBufAllocator.DEFAULT.heapBuffer(1);
        canary.touch(token);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            TRACKED_TYPES.add(resource.getName());
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            // The default asks whether error logging is on; a quiet log must not hide a leak.
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTS.add("LEAK of " + resourceType + ":" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTS.add("LEAK of " + resourceType + " (no access records)");
        }
    }
}
