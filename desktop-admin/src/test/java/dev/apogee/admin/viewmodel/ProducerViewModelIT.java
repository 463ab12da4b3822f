package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.SendReceipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProducerViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
        fixture.createTopic("ProducerTopic", 1);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static MessageRecord read(SendReceipt receipt) {
        fixture.awaitStored("ProducerTopic", receipt.queueOffset() + 1);
        return fixture.session.service().browse(receipt.queue(), receipt.queueOffset(), receipt.queueOffset() + 1).get(0);
    }

    @Test
    void aTestMessageIsSentWithTagsKeysAndProperties() {
        ProducerViewModel producer = new ProducerViewModel(fixture.session);
        producer.topicProperty().set("ProducerTopic");
        producer.tagsProperty().set("created");
        producer.keysProperty().set("k1, k2");
        producer.propertiesProperty().set("region=eu\n\n  tier = gold \n");
        producer.bodyProperty().set("hello from the admin");
        assertTrue(producer.send(), producer.validation());
        SendReceipt receipt = producer.lastReceiptProperty().get();
        assertEquals("SEND_OK", receipt.status());
        MessageRecord stored = read(receipt);
        assertEquals("hello from the admin", new String(stored.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("created", stored.tags());
        assertEquals(List.of("k1", "k2"), stored.keys());
        assertEquals("eu", stored.userProperties().get("region"));
        assertEquals("gold", stored.userProperties().get("tier"));
        assertEquals(receipt.messageId(), stored.messageId());
    }

    @Test
    void theBodyMayComeFromAFile() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, 42};
        Path file = dir.resolve("body.bin");
        Files.write(file, bytes);
        ProducerViewModel producer = new ProducerViewModel(fixture.session);
        producer.topicProperty().set("ProducerTopic");
        producer.bodyFileProperty().set(file.toString());
        assertTrue(producer.send(), producer.validation());
        assertArrayEquals(bytes, read(producer.lastReceiptProperty().get()).body());
        assertEquals(1, producer.sent().size());
    }

    @Test
    void badInputIsExplainedAndNothingIsSent() throws Exception {
        long before = fixture.checker.topics().stats("ProducerTopic").get(0).maxOffset();
        ProducerViewModel producer = new ProducerViewModel(fixture.session);
        producer.topicProperty().set("TBW102");
        producer.bodyProperty().set("x");
        assertFalse(producer.send());
        assertTrue(producer.validation().contains("system topic"), producer.validation());

        producer.topicProperty().set("ProducerTopic");
        producer.propertiesProperty().set("no equals sign");
        assertFalse(producer.send());
        assertEquals("Property line 1 is not name=value: no equals sign", producer.validation());

        producer.propertiesProperty().set("KEYS=sneaky");
        assertFalse(producer.send());
        assertTrue(producer.validation().contains("reserved"), producer.validation());

        producer.propertiesProperty().set("");
        producer.bodyProperty().set("");
        assertFalse(producer.send());
        assertEquals("Type a body or choose a file", producer.validation());

        producer.bodyFileProperty().set(dir.resolve("missing.bin").toString());
        assertFalse(producer.send());
        assertTrue(producer.validation().contains("cannot be read"));

        Files.write(dir.resolve("empty.bin"), new byte[0]);
        producer.bodyFileProperty().set(dir.resolve("empty.bin").toString());
        assertTrue(producer.send(), "an empty file is found out when it is read");
        assertEquals(1, fixture.errors.reports().size(), "and reported as an error, not swallowed");
        assertTrue(fixture.errors.latestProperty().get().message().contains("is empty"));
        fixture.errors.clear();
        assertEquals(before, fixture.checker.topics().stats("ProducerTopic").get(0).maxOffset(), "nothing was sent");
    }
}
