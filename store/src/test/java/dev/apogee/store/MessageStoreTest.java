package dev.apogee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.file.MappedSegmentFactory;
import dev.apogee.store.file.VolatileSegmentFactory;
import dev.apogee.store.testing.Drafts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MessageStoreTest {

    @TempDir
    Path dir;

    private StoreConfig config() {
        return StoreConfig.forTests(dir).withCommitLogSegmentSize(256 * 1024);
    }

    private static PutResult await(CompletableFuture<PutResult> put) throws Exception {
        return put.get(10, TimeUnit.SECONDS);
    }

    private static StoredMessage decode(ByteBuffer record) {
        return MessageRecordCodec.decode(record.duplicate(), true);
    }

    /** Waits until dispatch has caught up with everything appended. */
    private static void awaitDispatched(MessageStore store) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
            assertTrue(System.currentTimeMillis() < deadline, "dispatch did not catch up");
            Thread.sleep(2);
        }
    }

    @Test
    void putThenGetReturnsTheMessagesInQueueOrder() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            for (int i = 0; i < 50; i++) {
                PutResult result = await(store.put(Drafts.draft("orders", 1, "m" + i)));
                assertEquals(PutStatus.PUT_OK, result.status());
                assertEquals(i, result.queueOffset());
            }
            awaitDispatched(store);
            GetResult result = store.get("orders", 1, 10, 5, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.FOUND, result.status());
            assertEquals(5, result.messageCount());
            assertEquals(15, result.nextBeginOffset());
            assertEquals(0, result.minOffset());
            assertEquals(50, result.maxOffset());
            assertArrayEquals("m10".getBytes(), decode(result.messages().get(0)).body());
            assertEquals(14, decode(result.messages().get(4)).queueOffset());
        }
    }

    @Test
    void getStatusesAtTheEdges() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            assertEquals(GetStatus.NO_MATCHED_LOGIC_QUEUE, store.get("none", 0, 0, 1, 1024, MessageFilter.ALL).status());
            for (int i = 0; i < 3; i++) {
                await(store.put(Drafts.draft("t", 0, "x" + i)));
            }
            awaitDispatched(store);
            GetResult caughtUp = store.get("t", 0, 3, 10, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.OFFSET_OVERFLOW_ONE, caughtUp.status());
            assertEquals(3, caughtUp.nextBeginOffset());
            GetResult beyond = store.get("t", 0, 9, 10, 1 << 20, MessageFilter.ALL);
            assertEquals(GetStatus.OFFSET_OVERFLOW_BADLY, beyond.status());
            assertEquals(3, beyond.nextBeginOffset());
        }
    }

    @Test
    void tagFilterSkipsOtherTagsAndSaysNoMatchWhenNothingMatches() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            for (int i = 0; i < 20; i++) {
                await(store.put(Drafts.draft("t", 0, ("b" + i).getBytes(), i % 2 == 0 ? "even" : "odd", null)));
            }
            awaitDispatched(store);
            long even = MessageProperties.tagsCode("even");
            MessageFilter evenOnly = new MessageFilter() {
                @Override
                public boolean matchesTagsCode(long tagsCode) {
                    return tagsCode == even;
                }

                @Override
                public boolean matchesRecord(ByteBuffer record) {
                    return true;
                }
            };
            GetResult result = store.get("t", 0, 0, 100, 1 << 20, evenOnly);
            assertEquals(10, result.messageCount());
            assertEquals(20, result.nextBeginOffset());
            for (ByteBuffer message : result.messages()) {
                assertEquals("even", decode(message).property(MessageProperties.TAGS));
            }
            MessageFilter nothing = new MessageFilter() {
                @Override
                public boolean matchesTagsCode(long tagsCode) {
                    return false;
                }

                @Override
                public boolean matchesRecord(ByteBuffer record) {
                    return false;
                }
            };
            GetResult none = store.get("t", 0, 0, 100, 1 << 20, nothing);
            assertEquals(GetStatus.NO_MATCHED_MESSAGE, none.status());
            assertEquals(20, none.nextBeginOffset());
        }
    }

    @Test
    void batchGetsConsecutiveOffsetsInOneRun() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            await(store.put(Drafts.draft("b", 2, "before")));
            List<MessageDraft> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(Drafts.draft("b", 2, "batch" + i));
            }
            PutResult result = await(store.putAll(batch));
            assertEquals(PutStatus.PUT_OK, result.status());
            assertEquals(10, result.messageCount());
            assertEquals(1, result.queueOffset());
            for (int i = 0; i < 10; i++) {
                StoredMessage message = store.messageAt(result.physicalOffsetOf(i));
                assertEquals(1 + i, message.queueOffset());
                assertArrayEquals(("batch" + i).getBytes(), message.body());
            }
            PutResult mixed = await(store.putAll(List.of(Drafts.draft("b", 2, "x"), Drafts.draft("b", 3, "y"))));
            assertEquals(PutStatus.MESSAGE_ILLEGAL, mixed.status());
        }
    }

    @Test
    void oversizedMessageIsIllegal() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            PutResult result = await(store.put(Drafts.draft("t", 0, new byte[2 << 20], null, null)));
            assertEquals(PutStatus.MESSAGE_ILLEGAL, result.status());
        }
    }

    @Test
    void keysAndUniqueIdsAreFoundThroughTheIndex() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            MessageDraft wanted = Drafts.draft("orders", 0, "order-42".getBytes(), "created", "order-42 customer-7");
            PutResult stored = await(store.put(wanted));
            for (int i = 0; i < 100; i++) {
                await(store.put(Drafts.draft("orders", i % 4, ("other" + i).getBytes(), null, "order-" + (100 + i))));
            }
            awaitDispatched(store);
            List<ByteBuffer> byKey = store.queryByKey("orders", "customer-7", 32, 0, Long.MAX_VALUE);
            assertEquals(1, byKey.size());
            assertEquals(stored.physicalOffset(), decode(byKey.get(0)).physicalOffset());
            String uniq = MessageProperties.find(wanted.properties(), MessageProperties.UNIQ_KEY);
            assertEquals(1, store.queryByKey("orders", uniq, 32, 0, Long.MAX_VALUE).size());
            assertTrue(store.queryByKey("payments", "customer-7", 32, 0, Long.MAX_VALUE).isEmpty());
            assertTrue(store.queryByKey("orders", "customer-7", 32, 0, 1).isEmpty(), "time range filters");
            long storedAt = stored.storeTimestamp();
            assertEquals(1, store.queryByKey("orders", "customer-7", 32, storedAt, storedAt).size(), "ends inclusive");
            // The index only knows the second; the query knows the millisecond.
            assertTrue(store.queryByKey("orders", "customer-7", 32, storedAt + 1, storedAt + 500).isEmpty(),
                    "a range just after the store time excludes it");
            assertTrue(store.queryByKey("orders", "customer-7", 32, storedAt - 500, storedAt - 1).isEmpty(),
                    "a range just before the store time excludes it");
        }
    }

    @Test
    void offsetForTimeFindsTheFirstMessageStoredAtOrAfter() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            List<Long> stamps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stamps.add(await(store.put(Drafts.draft("t", 0, "s" + i))).storeTimestamp());
                Thread.sleep(3);
            }
            awaitDispatched(store);
            assertEquals(5, store.offsetForTime("t", 0, stamps.get(5), false));
            assertEquals(0, store.offsetForTime("t", 0, 0, false));
            assertEquals(10, store.offsetForTime("t", 0, Long.MAX_VALUE, false));
        }
    }

    @Test
    void cleanReopenKeepsEverythingAndContinuesTheOffsets() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            for (int i = 0; i < 300; i++) {
                await(store.put(Drafts.draft("t", i % 2, Drafts.body(1000, i), null, "k" + i)));
            }
        }
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            assertEquals(150, store.maxOffset("t", 0));
            assertEquals(150, store.maxOffset("t", 1));
            assertEquals(150, await(store.put(Drafts.draft("t", 0, "next"))).queueOffset());
            assertEquals(1, store.queryByKey("t", "k299", 10, 0, Long.MAX_VALUE).size());
        }
    }

    @Test
    void syncFlushAcknowledgementsSurviveAPowerLoss() throws Exception {
        VolatileSegmentFactory files = new VolatileSegmentFactory();
        StoreConfig config = config().withFlushMode(FlushMode.SYNC_FLUSH).withFlushInterval(java.time.Duration.ofSeconds(30));
        List<PutResult> acknowledged = new ArrayList<>();
        MessageStore store = MessageStore.open(config, files);
        for (int i = 0; i < 200; i++) {
            acknowledged.add(await(store.put(Drafts.draft("t", i % 3, Drafts.body(700, i), null, null))));
        }
        // A power loss: the threads stop where they are, and what was never forced is gone.
        store.abandon();
        files.crash();
        try (MessageStore recovered = MessageStore.open(config, files)) {
            for (int i = 0; i < acknowledged.size(); i++) {
                PutResult put = acknowledged.get(i);
                StoredMessage message = recovered.messageAt(put.physicalOffset());
                assertNotNull(message, "acknowledged message " + i + " is gone");
                assertArrayEquals(Drafts.body(700, i), message.body());
            }
            for (int q = 0; q < 3; q++) {
                long expected = acknowledged.stream().filter(p -> true).count() / 3 + (q < 200 % 3 ? 1 : 0);
                assertEquals(expected, recovered.maxOffset("t", q), "queue " + q + " rebuilt from the commit log");
            }
        }
        store.close();
    }

    @Test
    void keysIndexedBetweenIndexForcesSurviveAPowerLoss() throws Exception {
        VolatileSegmentFactory files = new VolatileSegmentFactory();
        // Queues are forced every 20 ms, the index only every 20th time: a power loss in between
        // must not leave the checkpoint past what the index has on disk.
        StoreConfig config = config().withFlushMode(FlushMode.SYNC_FLUSH).withFlushInterval(java.time.Duration.ofMillis(20));
        MessageStore store = MessageStore.open(config, files);
        Thread.sleep(500);   // past the first index force: the one to check comes after it
        for (int i = 0; i < 100; i++) {
            await(store.put(Drafts.draft("t", 0, Drafts.body(100, i), null, "key-" + i)));
        }
        Thread.sleep(100);   // several queue forces, no index force yet
        store.abandon();
        files.crash();
        try (MessageStore recovered = MessageStore.open(config, files)) {
            for (int i = 0; i < 100; i++) {
                assertEquals(1, recovered.queryByKey("t", "key-" + i, 4, 0, Long.MAX_VALUE).size(), "key-" + i);
            }
        }
        store.close();
    }

    @Test
    void anOffsetInsideARecordIsNoMessageEvenWhenItsBytesLookLikeOne() throws Exception {
        try (MessageStore store = MessageStore.open(config(), MappedSegmentFactory.INSTANCE)) {
            // A body that starts like a record: a size and the magic code, then nothing that fits.
            byte[] body = java.nio.ByteBuffer.allocate(200).putInt(120).putInt(0xDAA320A7).array();
            PutResult put = await(store.put(Drafts.draft("t", 0, body, null, null)));
            StoredMessage whole = store.messageAt(put.physicalOffset());
            int bodyAt = whole.totalSize() - body.length - 1 - "t".length() - 2 - whole.properties().length();
            assertNull(store.messageAt(put.physicalOffset() + bodyAt), "a client's offset into a body");
            assertNull(store.messageAt(put.physicalOffset() + 3));
            assertNull(store.messageAt(-5));
        }
    }
}
