package dev.apogee.broker.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.store.MessageStore;
import dev.apogee.store.StoreConfig;
import dev.apogee.store.file.MappedSegmentFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopLeasesTest {

    private static final byte[] HOST = {127, 0, 0, 1};
    private static final Predicate<StoredMessage> ALL = m -> true;

    @TempDir
    Path dir;

    private MessageStore store;
    private ConsumerOffsetStore offsets;
    private PopLeases leases;

    @BeforeEach
    void open() throws Exception {
        store = MessageStore.open(StoreConfig.forTests(dir.resolve("store")), MappedSegmentFactory.INSTANCE);
        offsets = ConsumerOffsetStore.open(dir.resolve("metadata"));
        leases = new PopLeases(store, offsets, 3);
    }

    @AfterEach
    void close() {
        offsets.close();
        store.close();
    }

    private void put(String body, String tag) throws Exception {
        String properties = tag == null ? "" : MessageProperties.TAGS + MessageProperties.NAME_VALUE_SEPARATOR + tag
                + MessageProperties.PROPERTY_SEPARATOR;
        store.put(new MessageDraft("t", 0, 0, 0, 1L, HOST, 1, HOST, 2, 0, 0, body.getBytes(StandardCharsets.UTF_8),
                properties)).join();
        long deadline = System.currentTimeMillis() + 5_000;
        while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
            assertTrue(System.currentTimeMillis() < deadline, "dispatched");
            Thread.sleep(5);
        }
    }

    private static StoredMessage decode(PopLeases.HandOut handOut) {
        return MessageRecordCodec.decode(ByteBuffer.wrap(handOut.record()), false);
    }

    private static String body(PopLeases.HandOut handOut) {
        return new String(decode(handOut).body(), StandardCharsets.UTF_8);
    }

    @Test
    void handOutsAreExclusiveUntilTheyLapse() throws Exception {
        put("a", null);
        put("b", null);
        PopLeases.Found first = leases.pop("g", "t", 0, 1, 1_000, false, false, ALL, false, 10_000);
        PopLeases.Found second = leases.pop("g", "t", 0, 5, 1_000, false, false, ALL, false, 10_000);
        assertEquals("a", body(first.handOuts().get(0)));
        assertEquals(List.of("b"), second.handOuts().stream().map(PopLeasesTest::body).toList());
        assertTrue(leases.pop("g", "t", 0, 5, 1_000, false, false, ALL, false, 10_500).handOuts().isEmpty());
        PopLeases.Found lapsed = leases.pop("g", "t", 0, 5, 1_000, false, false, ALL, false, 11_000);
        assertEquals(2, lapsed.handOuts().size(), "both lapsed at 11 000");
        assertEquals(1, decode(lapsed.handOuts().get(0)).reconsumeTimes());
        assertEquals(11_000, leases.nextLapse("g", "t", 0, 11_000) - 1_000);
    }

    @Test
    void theCommittedOffsetIsTheAcknowledgedPrefix() throws Exception {
        for (int i = 0; i < 4; i++) {
            put("m" + i, null);
        }
        PopLeases.Found found = leases.pop("g", "t", 0, 4, 60_000, false, false, ALL, false, 1_000);
        assertEquals(0, offsets.get("g", "t", 0));
        PopReceipt receipt = new PopReceipt(1_000);
        assertEquals(PopLeases.Settle.DONE, leases.ack("g", "t", 0, 1, receipt));
        assertEquals(0, offsets.get("g", "t", 0), "offset 0 is still out");
        assertEquals(PopLeases.Settle.DONE, leases.ack("g", "t", 0, 0, receipt));
        assertEquals(2, offsets.get("g", "t", 0));
        assertEquals(PopLeases.Settle.ALREADY_ACKED, leases.ack("g", "t", 0, 0, receipt));
        assertEquals(PopLeases.Settle.STALE_RECEIPT, leases.ack("g", "t", 0, 2, new PopReceipt(999)));
        assertEquals(PopLeases.Settle.NEVER_HANDED_OUT, leases.ack("g", "t", 0, 9, receipt));
        assertEquals(4, found.handOuts().size());
    }

    @Test
    void aResetMovesTheGroupAndForgetsWhatWasHandedOut() throws Exception {
        for (int i = 0; i < 4; i++) {
            put("m" + i, null);
        }
        PopLeases.Found all = leases.pop("g", "t", 0, 4, 60_000, false, false, ALL, false, 1_000);
        assertEquals(4, all.handOuts().size());
        PopReceipt receipt = new PopReceipt(1_000);
        assertEquals(PopLeases.Settle.DONE, leases.ack("g", "t", 0, 0, receipt));
        assertEquals(PopLeases.Settle.DONE, leases.ack("g", "t", 0, 1, receipt));
        assertEquals(2, offsets.get("g", "t", 0));

        leases.resetTo("g", "t", 0, 0);
        assertEquals(0, offsets.get("g", "t", 0));
        // Everything from 0 goes out again at once, though 2 and 3 were invisible for a minute more.
        assertEquals(List.of("m0", "m1", "m2", "m3"), leases.pop("g", "t", 0, 4, 60_000, false, false, ALL, false, 2_000)
                .handOuts().stream().map(PopLeasesTest::body).toList());
        assertEquals(PopLeases.Settle.STALE_RECEIPT, leases.ack("g", "t", 0, 2, receipt), "the old hand-out is gone");

        leases.resetTo("g", "t", 0, 3);
        assertEquals(List.of("m3"), leases.pop("g", "t", 0, 4, 60_000, false, false, ALL, false, 3_000)
                .handOuts().stream().map(PopLeasesTest::body).toList());
        assertEquals(3, offsets.get("g", "t", 0));
    }

    @Test
    void aDeletedGroupOrTopicLeavesNoHandOutsBehind() throws Exception {
        put("m0", null);
        assertEquals(1, leases.pop("g", "t", 0, 1, 60_000, false, false, ALL, false, 1_000).handOuts().size());
        leases.forgetGroup("g");
        offsets.removeGroup("g");
        assertEquals(1, leases.pop("g", "t", 0, 1, 60_000, false, false, ALL, false, 1_001).handOuts().size(),
                "a group made again starts afresh");
        leases.forgetTopic("t");
        assertEquals(PopLeases.Settle.NEVER_HANDED_OUT, leases.ack("g", "t", 0, 0, new PopReceipt(1_001)));
    }

    @Test
    void aMessageHandedOutTooOftenIsExhausted() throws Exception {
        put("poison", null);
        long now = 0;
        for (int delivery = 1; delivery <= 3; delivery++) {
            now += 2_000;
            assertEquals(1, leases.pop("g", "t", 0, 1, 1_000, false, false, ALL, false, now).handOuts().size());
        }
        now += 2_000;
        PopLeases.Found found = leases.pop("g", "t", 0, 1, 1_000, false, false, ALL, false, now);
        assertTrue(found.handOuts().isEmpty());
        assertEquals(1, found.exhausted().size(), "a fourth hand-out is refused: dead-letter it");
        leases.deadLettered("g", "t", 0, found.exhausted().get(0).message().queueOffset());
        assertEquals(1, offsets.get("g", "t", 0), "dead-lettered counts as consumed");
    }

    @Test
    void rejectedMessagesAreConsumedForTheGroupUnlessKeptForOthers() throws Exception {
        put("red", "red");
        put("blue", "blue");
        Predicate<StoredMessage> blueOnly = m -> "blue".equals(m.property(MessageProperties.TAGS));
        Predicate<StoredMessage> redOnly = m -> "red".equals(m.property(MessageProperties.TAGS));
        assertEquals(List.of("blue"), leases.pop("kept", "t", 0, 5, 60_000, false, false, blueOnly, true, 1)
                .handOuts().stream().map(PopLeasesTest::body).toList());
        assertEquals(List.of("red"), leases.pop("kept", "t", 0, 5, 60_000, false, false, redOnly, true, 2)
                .handOuts().stream().map(PopLeasesTest::body).toList(), "kept for a consumer that wants it");
        assertEquals(List.of("blue"), leases.pop("dropped", "t", 0, 5, 60_000, false, false, blueOnly, false, 1)
                .handOuts().stream().map(PopLeasesTest::body).toList());
        assertTrue(leases.pop("dropped", "t", 0, 5, 60_000, false, false, redOnly, false, 2).handOuts().isEmpty(),
                "the group's subscription did not want it: consumed");
    }

    @Test
    void orderlyPopHandsOutOneBatchOfAQueueAtATime() throws Exception {
        put("1", null);
        put("2", null);
        assertEquals(1, leases.pop("g", "t", 0, 1, 1_000, false, true, ALL, false, 100).handOuts().size());
        assertTrue(leases.pop("g", "t", 0, 1, 1_000, false, true, ALL, false, 200).handOuts().isEmpty(),
                "the queue is busy until the batch is acked or lapses");
        assertEquals(PopLeases.Settle.DONE, leases.ack("g", "t", 0, 0, new PopReceipt(100)));
        assertEquals("2", body(leases.pop("g", "t", 0, 1, 1_000, false, true, ALL, false, 300).handOuts().get(0)));
    }
}
