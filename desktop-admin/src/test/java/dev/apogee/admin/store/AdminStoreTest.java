package dev.apogee.admin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminStoreTest {

    private static final String SECRET = "Zq9-very-secret-value-7731";

    @TempDir
    Path dir;

    @Test
    void connectionsAreSavedReadBackUpdatedAndDeleted() {
        try (AdminStore store = AdminStore.open(dir)) {
            SavedConnection saved = store.connections().save(new SavedConnection(0, "prod", List.of("10.0.0.1:9876",
                    "10.0.0.2:9876"), "ak", SECRET, true, "/etc/ca.pem"));
            assertTrue(saved.id() > 0);
            assertEquals(List.of(saved), store.connections().list());
            SavedConnection changed = new SavedConnection(saved.id(), "prod-eu", List.of("10.0.0.3:9876"), null, null,
                    false, null);
            store.connections().save(changed);
            assertEquals(changed, store.connections().find(saved.id()).orElseThrow());
            store.connections().delete(saved.id());
            assertTrue(store.connections().list().isEmpty());
        }
    }

    @Test
    void aSecondConnectionWithTheSameNameIsRefusedWithTheName() {
        try (AdminStore store = AdminStore.open(dir)) {
            store.connections().save(new SavedConnection(0, "dev", List.of("a:1"), null, null, false, null));
            StoreException refused = assertThrows(StoreException.class, () -> store.connections()
                    .save(new SavedConnection(0, "dev", List.of("b:2"), null, null, false, null)));
            assertTrue(refused.getMessage().contains("'dev' is saved already"), refused.getMessage());
        }
    }

    @Test
    void secretsAreNotInThePlainBytesOfAnyDatabaseFileButSurviveAReopen() throws IOException {
        long id;
        try (AdminStore store = AdminStore.open(dir)) {
            id = store.connections().save(new SavedConnection(0, "secured", List.of("h:9876"), "visible-access-key-4411",
                    SECRET, false, null)).id();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(file -> !file.getFileName().toString().equals(AdminStore.KEY_FILE)).toList();
        }
        assertFalse(files.isEmpty());
        boolean accessKeyFound = false;
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(SECRET), "the secret is in " + file + " in plain text");
            assertFalse(bytes.contains(new String(SECRET.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)),
                    "the secret is in " + file + " as UTF-16");
            accessKeyFound |= bytes.contains("visible-access-key-4411");
        }
        // The search itself works: the access key, stored as plain text, is found the same way.
        assertTrue(accessKeyFound, "the plain access key should be visible in the database file");
        try (AdminStore store = AdminStore.open(dir)) {
            assertEquals(SECRET, store.connections().find(id).orElseThrow().secretKey());
        }
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws IOException {
        AdminStore.open(dir).close();
        Path key = dir.resolve(AdminStore.KEY_FILE);
        assertEquals(32, Files.size(key));
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        }
    }

    @Test
    void aDifferentKeyCannotReadTheSecretsAndSaysWhy() throws IOException {
        try (AdminStore store = AdminStore.open(dir)) {
            store.connections().save(new SavedConnection(0, "c", List.of("h:1"), "ak", SECRET, false, null));
        }
        Files.delete(dir.resolve(AdminStore.KEY_FILE));
        try (AdminStore store = AdminStore.open(dir)) {
            StoreException failure = assertThrows(StoreException.class, () -> store.connections().list());
            assertTrue(failure.getMessage().contains("key file is not the one"), failure.getMessage());
        }
    }

    @Test
    void schemaIsCreatedOnceAndReopeningKeepsItsVersion() {
        try (AdminStore store = AdminStore.open(dir)) {
            assertEquals(1, store.schemaVersion());
        }
        try (AdminStore store = AdminStore.open(dir)) {
            assertEquals(1, store.schemaVersion());
        }
    }

    @Test
    void favouritesArePerConnectionAndGoWithTheirConnection() {
        try (AdminStore store = AdminStore.open(dir)) {
            long a = store.connections().save(new SavedConnection(0, "a", List.of("h:1"), null, null, false, null)).id();
            long b = store.connections().save(new SavedConnection(0, "b", List.of("h:2"), null, null, false, null)).id();
            store.favourites().set(a, "Orders", true);
            store.favourites().set(a, "Orders", true);
            store.favourites().set(a, "Payments", true);
            store.favourites().set(b, "Other", true);
            store.favourites().set(a, "Payments", false);
            assertEquals(Set.of("Orders"), store.favourites().topics(a));
            store.connections().delete(b);
            assertEquals(Set.of(), store.favourites().topics(b));
        }
    }

    @Test
    void historyIsNewestFirstWithoutDuplicatesAndBounded() {
        try (AdminStore store = AdminStore.open(dir)) {
            long id = store.connections().save(new SavedConnection(0, "a", List.of("h:1"), null, null, false, null)).id();
            Instant begin = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < QueryHistoryStore.CAPACITY + 5; i++) {
                store.history().add(id, QueryKind.KEY, "Orders", "key-" + i, begin, begin.plusSeconds(60));
            }
            store.history().add(id, QueryKind.TIME_RANGE, "Orders", "", begin, null);
            store.history().add(id, QueryKind.KEY, "Orders", "key-20", begin, begin.plusSeconds(60));
            List<QueryHistoryEntry> recent = store.history().recent(id);
            assertEquals(QueryHistoryStore.CAPACITY, recent.size());
            assertEquals("key-20", recent.get(0).text());
            assertEquals(QueryKind.TIME_RANGE, recent.get(1).kind());
            assertEquals(null, recent.get(1).end());
            assertEquals(1, recent.stream().filter(entry -> entry.text().equals("key-20")).count());
            assertTrue(recent.stream().noneMatch(entry -> entry.text().equals("key-0")), "the oldest are dropped");
        }
    }

    @Test
    void settingsDefaultThenPersist() {
        try (AdminStore store = AdminStore.open(dir)) {
            assertEquals(AppSettings.DEFAULTS, store.settings().load());
            store.settings().save(new AppSettings(Theme.DARK, Duration.ofSeconds(2), Duration.ofMinutes(1)));
        }
        try (AdminStore store = AdminStore.open(dir)) {
            assertEquals(new AppSettings(Theme.DARK, Duration.ofSeconds(2), Duration.ofMinutes(1)), store.settings().load());
        }
    }
}
