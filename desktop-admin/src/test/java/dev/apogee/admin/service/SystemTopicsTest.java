package dev.apogee.admin.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SystemTopicsTest {

    private static final Set<String> OWN = Set.of("DefaultCluster", "broker-a");

    @Test
    void theBrokersOwnTopicsAreSystemTopics() {
        for (String topic : List.of("TBW102", "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRACE_TOPIC",
                "rmq_sys_REVIVE_LOG_DefaultCluster", "DefaultCluster", "broker-a", "OFFSET_MOVED_EVENT")) {
            assertEquals(TopicKind.SYSTEM, SystemTopics.classify(topic, OWN), topic);
        }
        assertEquals(TopicKind.RETRY, SystemTopics.classify("%RETRY%billing", OWN));
        assertEquals(TopicKind.DEAD_LETTER, SystemTopics.classify("%DLQ%billing", OWN));
        assertEquals(TopicKind.NORMAL, SystemTopics.classify("Orders", OWN));
        assertEquals(TopicKind.NORMAL, SystemTopics.classify("broker-b", OWN), "only this cluster's broker names");
    }

    @Test
    void systemGroups() {
        assertTrue(SystemTopics.isSystemGroup("TOOLS_CONSUMER"));
        assertTrue(SystemTopics.isSystemGroup("CID_RMQ_SYS_TRANS"));
        assertFalse(SystemTopics.isSystemGroup("billing"));
    }

    private static MessageRecord withProperties(Map<String, String> properties) {
        return new MessageRecord("%DLQ%g", null, 0, 0, "id", "off", null, List.of(), Instant.EPOCH, Instant.EPOCH,
                null, null, 16, properties, Map.of(), new byte[] {1});
    }

    @Test
    void theOriginalTopicOfADeadLetterComesFromItsProperties() {
        assertEquals("Orders", withProperties(Map.of("RETRY_TOPIC", "Orders", "REAL_TOPIC", "Other")).originalTopic());
        assertEquals("Orders", withProperties(Map.of("DLQ_ORIGIN_TOPIC", "Orders")).originalTopic());
        assertEquals("Orders", withProperties(Map.of("RETRY_TOPIC", "%RETRY%g", "REAL_TOPIC", "Orders")).originalTopic());
        assertNull(withProperties(Map.of()).originalTopic());
    }

    @Test
    void anOffsetChangeWithoutACurrentOffsetHasNoDelta() {
        QueueRef queue = new QueueRef("T", "b", 0);
        assertEquals(OptionalLong.empty(), new OffsetChange(queue, OptionalLong.empty(), 0).delta());
        assertEquals(OptionalLong.of(-3), new OffsetChange(queue, OptionalLong.of(2), 5).delta());
    }
}
