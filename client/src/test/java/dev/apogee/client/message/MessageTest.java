package dev.apogee.client.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void wirePropertiesCarryTagsKeysDelayAndUserProperties() {
        Message message = Message.of("OrderEvents", BODY).tags("created").keys("order-42", "customer-7")
                .property("region", "eu").delayLevel(3);
        Map<String, String> wire = message.wireProperties();
        assertEquals("created", wire.get(MessageProperties.TAGS));
        assertEquals("order-42 customer-7", wire.get(MessageProperties.KEYS));
        assertEquals("3", wire.get(MessageProperties.DELAY));
        assertEquals("true", wire.get(MessageProperties.WAIT));
        assertEquals("eu", wire.get("region"));
        assertEquals(List.of("order-42", "customer-7"), message.keys());
        Message notWaiting = message.waitStored(false);
        assertEquals("false", notWaiting.wireProperties().get(MessageProperties.WAIT));
        assertEquals(false, notWaiting.waitsStored());
        assertEquals("created", notWaiting.tags(), "the rest is kept");
        assertEquals(false, notWaiting.equals(message));
    }

    @Test
    void timerMessagesUseThe5xProperties() {
        Instant at = Instant.ofEpochMilli(1_900_000_000_000L);
        assertEquals("1900000000000", Message.of("T", BODY).deliverAt(at).wireProperties()
                .get(MessageProperties.TIMER_DELIVER_MS));
        assertEquals("1500", Message.of("T", BODY).deliverAfter(Duration.ofMillis(1500)).wireProperties()
                .get(MessageProperties.TIMER_DELAY_MS));
        assertThrows(InvalidMessageException.class, () -> Message.of("T", BODY).delayLevel(2).deliverAt(at));
        assertThrows(InvalidMessageException.class, () -> Message.of("T", BODY).delayLevel(19));
        assertThrows(InvalidMessageException.class, () -> Message.of("T", BODY).deliverAfter(Duration.ZERO));
    }

    @Test
    void messagesAreImmutable() {
        Message plain = Message.of("T", BODY);
        Message tagged = plain.tags("a");
        assertEquals(null, plain.tags());
        assertEquals("a", tagged.tags());
    }

    @Test
    void topicNamesFollowRocketMqRules() {
        assertEquals("Order_Events-1%|x", Topics.checkName("Order_Events-1%|x"));
        assertEquals("x".repeat(127), Topics.checkName("x".repeat(127)));
        InvalidMessageException tooLong = assertThrows(InvalidMessageException.class,
                () -> Message.of("x".repeat(128), BODY));
        assertTrue(tooLong.getMessage().contains("127"), tooLong.getMessage());
        InvalidMessageException badChar = assertThrows(InvalidMessageException.class,
                () -> Message.of("orders.eu", BODY));
        assertTrue(badChar.getMessage().contains("'.'"), badChar.getMessage());
        assertThrows(InvalidMessageException.class, () -> Message.of(" ", BODY));
        assertThrows(InvalidMessageException.class, () -> Message.of(null, BODY));
    }

    @Test
    void systemTopicsCannotBeSentTo() {
        for (String topic : List.of("SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC", "rmq_sys_wheel_timer", "TBW102",
                "OFFSET_MOVED_EVENT")) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> Topics.checkSendable(topic));
            assertTrue(refused.getMessage().contains("system topic"), refused.getMessage());
        }
        assertEquals("%RETRY%group", Topics.checkSendable("%RETRY%group"));
        assertTrue(Topics.isSystem("TBW102"));
        assertFalse(Topics.isSystem("OrderEvents"));
    }

    @Test
    void reservedAndMalformedPropertiesAreRefused() {
        Message message = Message.of("T", BODY);
        for (String reserved : List.of("TAGS", "KEYS", "UNIQ_KEY", "DELAY", "TRAN_MSG", "PGROUP", "TIMER_DELIVER_MS",
                "CLUSTER")) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> message.property(reserved, "v"));
            assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
        }
        assertThrows(InvalidMessageException.class, () -> message.property("a", " "));
        assertThrows(InvalidMessageException.class, () -> message.property("a\u0001b", "v"));
        assertThrows(InvalidMessageException.class, () -> message.property("a", "v\u0002"));
        assertThrows(InvalidMessageException.class, () -> message.keys("has space"));
        assertThrows(InvalidMessageException.class, () -> Message.of("T", new byte[0]));
        InvalidMessageException blank = assertThrows(InvalidMessageException.class,
                () -> message.properties(Map.of("named", "")));
        assertTrue(blank.getMessage().contains("value of property named"), blank.getMessage());
        assertThrows(InvalidMessageException.class, () -> message.properties(Map.of("TAGS", "v")));
    }

    @Test
    void manyPropertiesAtOnceAreLikeOneAtATime() {
        Map<String, String> added = new java.util.LinkedHashMap<>();
        added.put("b", "2");
        added.put("a", "replaced");
        Message message = Message.of("T", BODY).property("a", "1");
        Message bulk = message.properties(added);
        assertEquals(message.property("b", "2").property("a", "replaced"), bulk);
        assertEquals(List.of("a", "b"), List.copyOf(bulk.userProperties().keySet()), "insertion order kept");
        assertEquals(Map.of("a", "1"), message.userProperties(), "the original is unchanged");
        assertTrue(message.properties(Map.of()) == message);
    }

    @Test
    void uniqueIdsAreDistinctAndShapedLikeTheOfficialOnes() {
        String first = UniqueIds.next();
        String second = UniqueIds.next();
        assertFalse(first.equals(second));
        assertTrue(first.matches("[0-9A-F]{32}|[0-9A-F]{56}"), first);
        assertEquals(first.substring(0, first.length() - 12), second.substring(0, second.length() - 12),
                "host, pid and salt are the same within a process");
    }
}
