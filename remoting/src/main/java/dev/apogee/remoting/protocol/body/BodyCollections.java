package dev.apogee.remoting.protocol.body;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Defensive copies for body records. JSON from fastjson peers may omit a collection or carry null
 * entries; records normalise both to empty, unmodifiable collections so callers never null-check.
 */
final class BodyCollections {

    private BodyCollections() {
    }

    /** An unmodifiable copy without null keys or values, in the source's iteration order. */
    static <K, V> Map<K, V> map(Map<K, V> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<K, V> copy = new LinkedHashMap<>(source.size() * 2);
        source.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy without null elements. */
    static <T> List<T> list(List<T> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(source.size());
        for (T element : source) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /** An unmodifiable sorted copy without null elements: sorted so that output is deterministic. */
    static Set<String> sortedSet(Set<String> source) {
        if (source == null || source.isEmpty()) {
            return Set.of();
        }
        Set<String> copy = new TreeSet<>();
        for (String element : source) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableSet(copy);
    }
}
