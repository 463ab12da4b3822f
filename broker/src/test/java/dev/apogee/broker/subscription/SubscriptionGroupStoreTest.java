package dev.apogee.broker.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import dev.apogee.remoting.protocol.body.TopicConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Subscription groups, topic deletion and offset removal, each surviving a reopen of the metadata. */
@Timeout(30)
class SubscriptionGroupStoreTest {

    @TempDir
    Path dir;

    @Test
    void groupsSurviveAReopenBesideTheTopicConfigs() throws Exception {
        try (TopicConfigStore topics = TopicConfigStore.open(dir); SubscriptionGroupStore groups = SubscriptionGroupStore.open(dir)) {
            topics.put(TopicConfig.of("t", 2, 2));
            groups.put(SubscriptionGroupConfig.defaults("g1").withConsumeEnable(false));
            assertTrue(groups.createIfAbsent("g2"));
            assertFalse(groups.createIfAbsent("g2"));
        }
        try (TopicConfigStore topics = TopicConfigStore.open(dir); SubscriptionGroupStore groups = SubscriptionGroupStore.open(dir)) {
            assertEquals(2, topics.get("t").readQueueNums());
            assertFalse(groups.consumeEnabled("g1"));
            assertTrue(groups.consumeEnabled("g2"));
            assertTrue(groups.consumeEnabled("unknown"), "a group without settings may consume");
            assertEquals(SubscriptionGroupConfig.defaults("g2"), groups.get("g2"));
            long before = groups.dataVersion().counter();
            assertTrue(groups.delete("g1"));
            assertFalse(groups.delete("g1"));
            assertEquals(before + 1, groups.dataVersion().counter());
        }
        try (SubscriptionGroupStore groups = SubscriptionGroupStore.open(dir)) {
            assertNull(groups.get("g1"));
            assertEquals(1, groups.all().size());
        }
    }

    @Test
    void deletedTopicsStayDeleted() throws Exception {
        try (TopicConfigStore topics = TopicConfigStore.open(dir)) {
            topics.put(TopicConfig.of("t", 1, 1));
            long before = topics.dataVersion().counter();
            assertTrue(topics.delete("t"));
            assertFalse(topics.delete("t"));
            assertEquals(before + 1, topics.dataVersion().counter());
        }
        try (TopicConfigStore topics = TopicConfigStore.open(dir)) {
            assertNull(topics.get("t"));
        }
    }

    @Test
    void removedOffsetsStayRemovedEvenIfTheyWereFlushedBefore() throws Exception {
        try (ConsumerOffsetStore offsets = ConsumerOffsetStore.open(dir)) {
            offsets.commit("g1", "t1", 0, 5);
            offsets.commit("g1", "t2", 0, 6);
            offsets.commit("g2", "t1", 1, 7);
            offsets.flush();
            offsets.removeGroup("g1");
            offsets.commit("g3", "t3", 0, 1);
            offsets.removeTopic("t3");
        }
        try (ConsumerOffsetStore offsets = ConsumerOffsetStore.open(dir)) {
            assertEquals(-1, offsets.get("g1", "t1", 0));
            assertEquals(-1, offsets.get("g1", "t2", 0));
            assertEquals(-1, offsets.get("g3", "t3", 0));
            assertEquals(7, offsets.get("g2", "t1", 1));
            assertEquals(1, offsets.all().size());
            offsets.removeTopic("t1");
        }
        try (ConsumerOffsetStore offsets = ConsumerOffsetStore.open(dir)) {
            assertTrue(offsets.all().isEmpty());
        }
    }
}
