package dev.apogee.remoting.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredMessageTest {

    private static StoredMessage parked(Map<String, String> properties) {
        return new StoredMessage(0, 0, 0, 3, 7, 12, 4096, 0, 1_000, new byte[] {127, 0, 0, 1}, 5000, 2_000,
                new byte[] {127, 0, 0, 1}, 10911, 2, 0, new byte[] {42}, "SCHEDULE_TOPIC_XXXX",
                MessageProperties.format(properties));
    }

    @Test
    void aParkedMessageGoesBackToItsRealTopicAndQueueWithoutTheParkingProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.REAL_TOPIC, "Orders");
        properties.put(MessageProperties.REAL_QUEUE_ID, "5");
        properties.put(MessageProperties.DELAY, "3");
        properties.put("KEYS", "order-42");
        MessageDraft real = parked(properties).toRealTopic(MessageProperties.DELAY);

        assertEquals("Orders", real.topic());
        assertEquals(5, real.queueId());
        assertEquals(Map.of("KEYS", "order-42"), MessageProperties.parse(real.properties()));
        assertArrayEquals(new byte[] {42}, real.body());
        assertEquals(7, real.flag());
        assertEquals(2, real.reconsumeTimes());
        assertEquals(1_000, real.bornTimestamp());
    }

    @Test
    void aMessageThatDoesNotSayWhereItBelongsHasNoRealCopy() {
        assertNull(parked(Map.of("KEYS", "k")).toRealTopic());
        assertNull(parked(Map.of(MessageProperties.REAL_TOPIC, "Orders")).toRealTopic());
        assertNull(parked(Map.of(MessageProperties.REAL_QUEUE_ID, "1")).toRealTopic());
        assertNull(parked(Map.of(MessageProperties.REAL_TOPIC, "Orders", MessageProperties.REAL_QUEUE_ID, "x"))
                .toRealTopic());
        assertNull(parked(Map.of(MessageProperties.REAL_TOPIC, "", MessageProperties.REAL_QUEUE_ID, "1"))
                .toRealTopic());
    }
}
