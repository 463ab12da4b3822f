package dev.apogee.broker.processor.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TopicAttributesTest {

    @Test
    void addsReplacesAndRemoves() {
        assertEquals(Map.of(), TopicAttributes.apply(Map.of(), ""));
        assertEquals(Map.of("message.type", "FIFO", "queue.type", "BatchCQ"),
                TopicAttributes.apply(Map.of("message.type", "NORMAL"), "+message.type=FIFO,+queue.type=BatchCQ"));
        assertEquals(Map.of(), TopicAttributes.apply(Map.of("message.type", "NORMAL"), "-message.type"));
    }

    @Test
    void malformedEntriesAreRefused() {
        for (String bad : new String[] {"message.type=FIFO", "+=x", "+k=", "-", "+k y=v"}) {
            assertThrows(IllegalArgumentException.class, () -> TopicAttributes.apply(Map.of(), bad), bad);
        }
    }

    @Test
    void groupNamesFollowTheOfficialRule() {
        assertEquals(null, SubscriptionGroupProcessor.groupProblem("orders-consumers_1|a"));
        for (String bad : new String[] {"", "%SCHEDULE%", "a b", "a/b", "x".repeat(256)}) {
            org.junit.jupiter.api.Assertions.assertNotNull(SubscriptionGroupProcessor.groupProblem(bad), bad);
        }
    }
}
