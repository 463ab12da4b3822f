package dev.apogee.namesrv.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class KvStoreTest {

    @TempDir
    Path dir;

    @Test
    void valuesSurviveReopening() {
        try (KvStore kv = KvStore.open(dir)) {
            kv.put(KvStore.ORDER_TOPIC_CONFIG, "orders", "broker-a:4;broker-b:4");
            kv.put("ns", "k1", "v1");
            kv.put("ns", "k2", "v2");
            kv.put("ns", "k1", "v1-updated");
            kv.delete("ns", "k2");
        }

        try (KvStore kv = KvStore.open(dir)) {
            assertEquals(Optional.of("broker-a:4;broker-b:4"), kv.get(KvStore.ORDER_TOPIC_CONFIG, "orders"));
            assertEquals(Map.of("k1", "v1-updated"), kv.namespace("ns"));
            assertEquals(Optional.empty(), kv.get("ns", "k2"));
        }
    }

    @Test
    void missingEntriesAreEmpty() {
        try (KvStore kv = KvStore.open(dir)) {
            assertEquals(Optional.empty(), kv.get("none", "k"));
            assertTrue(kv.namespace("none").isEmpty());
            kv.delete("none", "k");
        }
    }

    @Test
    void deletingTheLastKeyRemovesTheNamespace() {
        try (KvStore kv = KvStore.open(dir)) {
            kv.put("ns", "k", "v");
            kv.delete("ns", "k");
            assertTrue(kv.namespace("ns").isEmpty());
        }
    }

    @Test
    void namespaceIsSortedAndLargeValuesFit() {
        String big = "x".repeat(200_000);
        try (KvStore kv = KvStore.open(dir)) {
            kv.put("ns", "b", "2");
            kv.put("ns", "a", big);
            assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(kv.namespace("ns").keySet()));
        }
        try (KvStore kv = KvStore.open(dir)) {
            assertEquals(big, kv.get("ns", "a").orElseThrow());
        }
    }

    @Test
    void writesAfterCloseFailLoudly() {
        KvStore kv = KvStore.open(dir);
        kv.close();
        kv.close();

        assertThrows(KvStoreException.class, () -> kv.put("ns", "k", "v"));
    }
}
