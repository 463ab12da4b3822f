package dev.apogee.remoting.protocol.body;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key-value pairs of one namespace, sorted by key: {@code {"table":{"k":"v",...}}}.
 *
 * @param table the pairs
 */
public record KVTable(Map<String, String> table) {

    public KVTable {
        table = Collections.unmodifiableMap(new TreeMap<>(BodyCollections.map(table)));
    }
}
