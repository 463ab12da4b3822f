package dev.apogee.remoting.protocol;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read-only custom header of a {@link RemotingCommand}.
 *
 * <p>Every request and response has one, typically of 3 to 15 short strings, so it is kept flat:
 * keys and values side by side in one array, looked up by a scan (the keys a decoder produces and
 * the names the header records look up are mostly the same interned strings, so most comparisons
 * are identity checks). A hash map cost a node per entry plus its table, and a command copied the
 * map it was given, which together were a quarter of the bytes a broker allocated per message.
 * A header with more than {@value #FLAT_LIMIT} entries (never sent by a real client) is kept in a
 * hash map instead, so that a hostile frame cannot make lookups quadratic.
 *
 * <p>Decoders and encoders build one with {@link #builder()}; a command given any other map copies it.
 */
public final class HeaderFields extends AbstractMap<String, String> {

    static final int FLAT_LIMIT = 32;
    private static final HeaderFields EMPTY = new HeaderFields(new String[0], 0, null);

    /** Keys at even indexes, each followed by its value; null when {@link #large} is used. */
    private final String[] flat;
    private final int size;
    private final Map<String, String> large;

    private HeaderFields(String[] flat, int size, Map<String, String> large) {
        this.flat = flat;
        this.size = size;
        this.large = large;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(8);
    }

    /** An empty builder with room for {@code expectedFields} fields before it grows. */
    public static Builder builder(int expectedFields) {
        return new Builder(Math.max(1, Math.min(expectedFields, FLAT_LIMIT)));
    }

    /** A read-only copy of {@code fields} (the same instance when it already is one). */
    public static HeaderFields copyOf(Map<String, String> fields) {
        if (fields instanceof HeaderFields already) {
            return already;
        }
        if (fields == null || fields.isEmpty()) {
            return EMPTY;
        }
        // A map's keys are distinct already.
        Builder builder = builder(fields.size());
        fields.forEach(builder::putNew);
        return builder.build();
    }

    @Override
    public String get(Object key) {
        if (large != null) {
            return large.get(key);
        }
        int at = indexOf(key);
        return at < 0 ? null : flat[at + 1];
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        if (large != null) {
            return large.getOrDefault(key, defaultValue);
        }
        int at = indexOf(key);
        return at < 0 ? defaultValue : flat[at + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        if (large != null) {
            large.forEach(action);
            return;
        }
        for (int i = 0; i < size * 2; i += 2) {
            action.accept(flat[i], flat[i + 1]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        if (large != null) {
            return large.entrySet();
        }
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size * 2;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = new SimpleImmutableEntry<>(flat[next], flat[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size * 2; i += 2) {
            String candidate = flat[i];
            if (candidate == key || candidate.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects fields in order; a key put twice keeps its last value, as a map would. Not thread-safe. */
    public static final class Builder {

        private String[] flat;
        private int size;
        private Map<String, String> large;

        private Builder(int capacity) {
            flat = new String[capacity * 2];
        }

        /** Adds or replaces a field; keys must not be null. */
        public Builder put(String key, String value) {
            if (key != null && large == null) {
                for (int i = 0; i < size * 2; i += 2) {
                    if (flat[i] == key || flat[i].equals(key)) {
                        flat[i + 1] = value;
                        return this;
                    }
                }
            }
            return putNew(key, value);
        }

        /**
         * Adds a field whose key the caller knows is not there yet (a header record's distinct wire
         * names), without looking for it: encoding a send request looked up every name among the ones
         * before it.
         */
        public Builder putNew(String key, String value) {
            if (key == null) {
                throw new NullPointerException("header field key");
            }
            if (large != null) {
                large.put(key, value);
                return this;
            }
            if (size == FLAT_LIMIT) {
                large = new LinkedHashMap<>();
                for (int i = 0; i < size * 2; i += 2) {
                    large.put(flat[i], flat[i + 1]);
                }
                large.put(key, value);
                flat = null;
                return this;
            }
            if (size * 2 == flat.length) {
                flat = java.util.Arrays.copyOf(flat, flat.length * 2);
            }
            flat[size * 2] = key;
            flat[size * 2 + 1] = value;
            size++;
            return this;
        }

        /** The fields put so far; the builder must not be used afterwards. */
        public HeaderFields build() {
            if (large != null) {
                return new HeaderFields(null, 0, Collections.unmodifiableMap(large));
            }
            return size == 0 ? EMPTY : new HeaderFields(flat, size, null);
        }
    }
}
