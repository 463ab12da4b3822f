package dev.apogee.remoting.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The request-code table of an endpoint: each code maps to one processor and the bounded executor
 * it runs on. There is no catch-all entry: a code that is not registered is answered
 * REQUEST_CODE_NOT_SUPPORTED.
 *
 * <p>Thread-safety: registrations may race with lookups; both are safe.
 */
public final class ProcessorTable {

    /** A processor with the executor its requests run on. */
    public record Entry(RequestProcessor processor, ExecutorService executor) {
    }

    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Routes {@code codes} to {@code processor} on {@code executor}. The endpoint owning this table
     * shuts the executor down when it shuts down.
     *
     * @throws IllegalStateException if a code is already registered
     */
    public void register(RequestProcessor processor, ExecutorService executor, int... codes) {
        Entry entry = new Entry(processor, executor);
        for (int code : codes) {
            Entry previous = entries.putIfAbsent(code, entry);
            if (previous != null) {
                throw new IllegalStateException("request code " + code + " is already registered");
            }
        }
    }

    /** The entry for {@code code}, or null when no processor handles it. */
    public Entry lookup(int code) {
        return entries.get(code);
    }

    /** Every distinct executor in the table, for shutdown. */
    public List<ExecutorService> executors() {
        Set<ExecutorService> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Entry entry : entries.values()) {
            distinct.add(entry.executor());
        }
        return new ArrayList<>(distinct);
    }
}
