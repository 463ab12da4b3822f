package dev.apogee.remoting.protocol;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read-only custom header of a {@link RemotingCommand}, made from a map that nobody else holds.
 *
 * <p>A command must not change once built, so it copies the map it is given; but a decoder that
 * has just filled a fresh map, or a header encoder, would pay that copy on every command for
 * nothing (it was a quarter of the bytes a broker allocated per message). They hand their map over
 * with {@link #adopt(Map)} instead, and the command keeps it as it is.
 */
public final class HeaderFields extends AbstractMap<String, String> {

    private static final HeaderFields EMPTY = new HeaderFields(Map.of());

    private final Map<String, String> fields;

    private HeaderFields(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /**
     * Wraps {@code fresh} without copying it. The caller gives the map up: it must neither keep nor
     * change it afterwards.
     */
    public static HeaderFields adopt(Map<String, String> fresh) {
        if (fresh instanceof HeaderFields already) {
            return already;
        }
        return fresh.isEmpty() ? EMPTY : new HeaderFields(fresh);
    }

    /** A read-only copy of {@code fields}; {@code fields} itself is left alone. */
    static HeaderFields copyOf(Map<String, String> fields) {
        if (fields instanceof HeaderFields already) {
            return already;
        }
        return fields == null || fields.isEmpty() ? EMPTY : new HeaderFields(new HashMap<>(fields));
    }

    @Override
    public String get(Object key) {
        return fields.get(key);
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        return fields.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        fields.forEach(action);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return fields.entrySet();
    }
}
