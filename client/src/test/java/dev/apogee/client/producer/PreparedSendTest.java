package dev.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.BodyCompression;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.remoting.protocol.message.MessageBatchCodec;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreparedSendTest {

    private final ProducerSettings settings = Producer.builder().group("g").maxBodySize(64 * 1024).settings();

    private static Message message(String topic, int size) {
        return Message.of(topic, "x".repeat(size).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void smallBodiesGoAsTheyAreWithAUniqueId() {
        PreparedSend send = PreparedSend.single(message("T", 100).tags("t"), settings, Map.of(), 0);
        assertEquals(0, send.sysFlag());
        assertEquals(100, send.body().length);
        Map<String, String> properties = MessageProperties.parse(send.properties());
        assertEquals(send.messageId(), properties.get(MessageProperties.UNIQ_KEY));
        assertEquals("t", properties.get(MessageProperties.TAGS));
    }

    @Test
    void aUniqueIdChosenBeforehandIsTheOneSent() {
        String id = dev.apogee.client.message.UniqueIds.next();
        PreparedSend send = PreparedSend.single(message("T", 10).uniqueId(id), settings, Map.of(), 0);
        assertEquals(id, send.messageId());
        assertEquals(id, MessageProperties.parse(send.properties()).get(MessageProperties.UNIQ_KEY));
        PreparedSend batch = PreparedSend.batch(List.of(message("T", 10).uniqueId(id), message("T", 10)), settings);
        assertTrue(batch.messageId().startsWith(id + ","), batch.messageId());
        for (String bad : new String[] {"", " ", "not-hex", "G1", "A".repeat(65)}) {
            assertThrows(InvalidMessageException.class, () -> message("T", 1).uniqueId(bad), bad);
        }
        assertThrows(InvalidMessageException.class, () -> message("T", 1).uniqueId(null));
    }

    @Test
    void bodiesFromTheThresholdUpAreCompressedAndFlagged() {
        PreparedSend send = PreparedSend.single(message("T", 4096), settings, Map.of(),
                MessageSysFlag.TRANSACTION_PREPARED);
        assertEquals(MessageSysFlag.COMPRESSED | BodyCompression.ZLIB_TYPE | MessageSysFlag.TRANSACTION_PREPARED,
                send.sysFlag());
        assertArrayEquals(message("T", 4096).body(), BodyCompression.decode(send.body(), send.sysFlag()));
        assertEquals(0, PreparedSend.single(message("T", 4095), settings, Map.of(), 0).sysFlag());
    }

    @Test
    void oversizedBodiesAndSystemTopicsAreRefusedBeforeSending() {
        InvalidMessageException big = assertThrows(InvalidMessageException.class,
                () -> PreparedSend.single(message("T", 64 * 1024 + 1), settings, Map.of(), 0));
        assertTrue(big.getMessage().contains("at most 65536"), big.getMessage());
        assertThrows(InvalidMessageException.class,
                () -> PreparedSend.single(message("SCHEDULE_TOPIC_XXXX", 1), settings, Map.of(), 0));
    }

    @Test
    void aBatchEncodesEveryMessageWithItsOwnId() {
        PreparedSend batch = PreparedSend.batch(List.of(message("T", 10).keys("k1"), message("T", 5000)), settings);
        assertTrue(batch.batch());
        List<MessageBatchCodec.Entry> entries = MessageBatchCodec.decode(batch.body());
        assertEquals(2, entries.size());
        assertEquals(5000, entries.get(1).body().length, "batches are not compressed");
        String[] ids = batch.messageId().split(",");
        assertEquals(2, ids.length);
        assertEquals(ids[0], MessageProperties.find(entries.get(0).properties(), MessageProperties.UNIQ_KEY));
        assertEquals("k1", MessageProperties.find(entries.get(0).properties(), MessageProperties.KEYS));
    }

    @Test
    void batchesBreakingTheRulesAreRefused() {
        assertThrows(InvalidMessageException.class, () -> PreparedSend.batch(List.of(), settings));
        assertThrows(InvalidMessageException.class,
                () -> PreparedSend.batch(List.of(message("A", 1), message("B", 1)), settings));
        assertThrows(InvalidMessageException.class,
                () -> PreparedSend.batch(List.of(message("A", 1).deliverAfter(Duration.ofSeconds(1))), settings));
        assertThrows(InvalidMessageException.class,
                () -> PreparedSend.batch(List.of(message("A", 40_000), message("A", 40_000)), settings));
        assertThrows(InvalidMessageException.class,
                () -> PreparedSend.batch(List.of(message("%RETRY%g", 1)), settings));
    }

    @Test
    void producerSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Producer.builder().group("bad group").settings());
        assertThrows(IllegalArgumentException.class, () -> Producer.builder().settings());
        assertThrows(IllegalArgumentException.class, () -> Producer.builder().group("g").retries(-1).settings());
        assertThrows(IllegalArgumentException.class, () -> Producer.builder().group("g").compression(10, 11).settings());
    }

    @Test
    void propertiesLongerThanTheStoredLengthAllowsAreRefusedWithTheirSize() {
        // 11,000 three-byte characters: under the limit in chars, over it in UTF-8 bytes, as stored.
        Message wide = message("T", 1).property("note", "\u20ac".repeat(11_000));
        InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                () -> PreparedSend.single(wide, settings, Map.of(), 0));
        assertTrue(refused.getMessage().contains("at most 32767"), refused.getMessage());
        assertThrows(InvalidMessageException.class, () -> PreparedSend.batch(List.of(message("T", 1), wide), settings));
        // Just under the limit is sent.
        Message fits = message("T", 1).property("note", "x".repeat(32_000));
        assertTrue(PreparedSend.single(fits, settings, Map.of(), 0).properties().length() > 32_000);
    }
}
