package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.QueueRef;
import dev.apogee.client.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MessageDetailViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
        fixture.createTopic("DetailTopic", 1);
        fixture.createTopic("DetailJson", 1);
        fixture.createTopic("CopyTarget", 1);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static MessageRecord stored(String topic, long offset) {
        fixture.awaitStored(topic, offset + 1);
        return fixture.session.service().browse(new QueueRef(topic, fixture.cluster.brokerName(0), 0), offset, offset + 1)
                .get(0);
    }

    @Test
    void jsonBodyPropertiesCopyAndSave() throws Exception {
        fixture.producer.send(Message.of("DetailJson", "{\"id\":42,\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8))
                .tags("created").keys("order-42").property("region", "eu"));
        MessageDetailViewModel detail = new MessageDetailViewModel(fixture.session);
        detail.show(stored("DetailJson", 0));

        assertTrue(detail.properties().contains(new PropertyRow("region", "eu", false)), detail.properties().toString());
        assertTrue(detail.properties().contains(new PropertyRow("KEYS", "order-42", true)));
        assertTrue(detail.properties().contains(new PropertyRow("TAGS", "created", true)));
        assertTrue(detail.properties().stream().anyMatch(row -> row.name().equals("UNIQ_KEY") && row.system()));
        BodyView body = detail.bodyProperty().get();
        assertEquals("UTF-8 (JSON)", body.encoding());
        assertTrue(body.prettyJson().contains("\"id\" : 42"), body.prettyJson());
        assertTrue(body.hex().startsWith("00000000  7b 22 69 64"), body.hex());
        assertFalse(body.truncated());
        assertEquals(body.prettyJson(), detail.textToCopy());

        Path file = dir.resolve("body.json");
        assertTrue(detail.saveBody(file));
        assertEquals("{\"id\":42,\"items\":[1,2]}", Files.readString(file));
        assertTrue(detail.statusProperty().get().startsWith("Saved 23 bytes"), detail.statusProperty().get());
    }

    @Test
    void largeBinaryBodiesAreCutUntilLoadAll() {
        byte[] binary = new byte[BodyView.DEFAULT_LIMIT + 5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        fixture.producer.send(Message.of("DetailTopic", binary));
        MessageDetailViewModel detail = new MessageDetailViewModel(fixture.session);
        java.util.function.Supplier<java.util.Optional<MessageRecord>> find = () -> fixture.session.service()
                .queryByTime("DetailTopic", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 10).stream()
                .filter(m -> m.size() == binary.length).findFirst();
        dev.apogee.remoting.testing.Await.until("the binary message stored", () -> find.get().isPresent());
        MessageRecord record = find.get().orElseThrow();
        assertArrayEquals(binary, record.body(), "the body arrives whole (decompressed)");
        detail.show(record);
        assertEquals("binary", detail.bodyProperty().get().encoding());
        assertTrue(detail.bodyProperty().get().truncated());
        assertNull(detail.bodyProperty().get().prettyJson());
        detail.loadAll();
        assertFalse(detail.bodyProperty().get().truncated());
        assertEquals((binary.length + 15) / 16, detail.bodyProperty().get().hex().lines().count());
    }

    @Test
    void resendAndSendACopyToAnotherTopic() {
        fixture.producer.send(Message.of("DetailTopic", "copy me".getBytes(StandardCharsets.UTF_8)).keys("copy-key")
                .property("origin", "test"));
        dev.apogee.remoting.testing.Await.until("the key indexed", () -> !fixture.session.service().queryByKey(
                "DetailTopic", "copy-key", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 5).isEmpty());
        MessageRecord original = fixture.session.service().queryByKey("DetailTopic", "copy-key", java.time.Instant.EPOCH,
                java.time.Instant.now().plusSeconds(60), 5).get(0);
        MessageDetailViewModel detail = new MessageDetailViewModel(fixture.session);
        detail.show(original);

        detail.copyTopicProperty().set("bad topic");
        assertFalse(detail.sendCopy());
        assertTrue(detail.validation().startsWith("Copy to topic:"));
        detail.copyTopicProperty().set("CopyTarget");
        assertTrue(detail.sendCopy());
        assertNotNull(detail.lastSendProperty().get());
        dev.apogee.remoting.testing.Await.until("the copy indexed", () -> !fixture.session.service().queryByKey(
                "CopyTarget", "copy-key", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 5).isEmpty());
        MessageRecord copy = fixture.session.service().queryByKey("CopyTarget", "copy-key", java.time.Instant.EPOCH,
                java.time.Instant.now().plusSeconds(60), 5).get(0);
        assertEquals("copy me", new String(copy.body(), StandardCharsets.UTF_8));
        assertEquals("test", copy.userProperties().get("origin"));

        assertEquals("DetailTopic", detail.resendTopic());
        assertTrue(detail.resend());
        dev.apogee.remoting.testing.Await.until("the re-sent message indexed", () -> fixture.session.service()
                .queryByKey("DetailTopic", "copy-key", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 5)
                .size() == 2);
    }
}
