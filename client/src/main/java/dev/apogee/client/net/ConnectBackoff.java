package dev.apogee.client.net;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers addresses that could not be connected to, so that a dead server is not hammered by every
 * request: after a failed connect the address is left alone for a while, doubling with each further
 * failure up to a maximum; the first success forgets it.
 */
public final class ConnectBackoff {

    private record Failure(int count, long retryAtNanos) {
    }

    private final long initialNanos;
    private final long maxNanos;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /** Waits of {@code initial}, doubling per failure up to {@code max}. */
    public ConnectBackoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = Math.max(initialNanos, max.toNanos());
    }

    /** Milliseconds until {@code address} may be tried again; 0 when it may be now. */
    long waitMillis(String address) {
        Failure failure = failures.get(address);
        if (failure == null) {
            return 0;
        }
        long left = failure.retryAtNanos - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, left / 1_000_000);
    }

    /** A connect to {@code address} failed. */
    void failed(String address) {
        failures.compute(address, (key, previous) -> {
            int count = previous == null ? 1 : previous.count + 1;
            long wait = initialNanos << Math.min(count - 1, 20);
            return new Failure(count, System.nanoTime() + Math.min(maxNanos, wait < 0 ? maxNanos : wait));
        });
    }

    /** A request to {@code address} got through. */
    void succeeded(String address) {
        if (!failures.isEmpty()) {
            failures.remove(address);
        }
    }
}
