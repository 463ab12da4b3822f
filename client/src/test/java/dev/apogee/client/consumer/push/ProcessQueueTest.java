package dev.apogee.client.consumer.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ProcessQueueTest {

    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private static MessageView at(long offset, int bodySize) {
        return new MessageView("T", new byte[bodySize], Map.of(), "id" + offset, "oid" + offset, 0, offset,
                1000 + offset, 0, 0, HOST, 0, HOST, 0, 0);
    }

    private static List<MessageView> range(long from, long to) {
        return LongStream.range(from, to).mapToObj(offset -> at(offset, 10)).toList();
    }

    private final ProcessQueue queue = new ProcessQueue(new MessageQueue("T", "broker-a", 0));

    @Test
    void theOffsetToCommitNeverPassesAnUnconsumedMessage() {
        assertEquals(-1, queue.offsetToCommit(), "nothing known before the first pull");
        List<MessageView> pulled = range(10, 15);
        queue.add(pulled, 15);
        assertEquals(10, queue.offsetToCommit());
        assertEquals(10, queue.remove(List.of(pulled.get(3), pulled.get(1))), "10 is still being consumed");
        assertEquals(12, queue.remove(List.of(pulled.get(0))), "11 is done; 12 is not");
        assertEquals(12, queue.remove(List.of(pulled.get(0))), "removing twice changes nothing");
        assertEquals(14, queue.remove(List.of(pulled.get(2))));
        assertEquals(15, queue.remove(List.of(pulled.get(4))), "empty: where pulling continues");
        queue.add(List.of(), 40);
        assertEquals(40, queue.offsetToCommit(), "messages the broker filtered out are passed");
    }

    @Test
    void flowControlCountsMessagesAndBytes() {
        queue.add(range(0, 5), 5);
        assertEquals(5, queue.count());
        assertEquals(50, queue.bytes());
        assertFalse(queue.overLimit(5, 50));
        assertTrue(queue.overLimit(4, 1000), "more messages than allowed");
        assertTrue(queue.overLimit(1000, 49), "more bytes than allowed");
        queue.remove(range(0, 3));
        assertEquals(2, queue.count());
        assertEquals(20, queue.bytes());
        assertFalse(queue.overLimit(4, 49), "drained below the limits");
    }

    @Test
    void orderlyConsumptionTakesInOrderAndPutsBackOnRetry() {
        queue.add(List.of(at(3, 1), at(1, 1), at(2, 1)), 4);
        List<MessageView> first = queue.takeInOrder(1);
        assertEquals(1, first.get(0).queueOffset());
        assertEquals(1, queue.offsetToCommit(), "a message in progress is not committed");
        assertEquals(1, queue.retryInOrder(), "first local retry");
        assertEquals(1, queue.localRetries(1));
        assertEquals(1, queue.takeInOrder(1).get(0).queueOffset(), "the same message again");
        assertEquals(2, queue.finishInOrder());
        assertEquals(0, queue.localRetries(1), "retries are forgotten once done");
        assertEquals(List.of(2L, 3L), queue.takeInOrder(5).stream().map(MessageView::queueOffset).toList());
        assertEquals(4, queue.finishInOrder());
        assertFalse(queue.hasWaiting());
        assertEquals(0, queue.count());
        assertEquals(0, queue.bytes());
    }

    @Test
    void locksAgeOut() {
        assertFalse(queue.holdsLock(1000, 30_000));
        queue.locked(true, 1000);
        assertTrue(queue.holdsLock(20_000, 30_000));
        assertFalse(queue.holdsLock(40_000, 30_000), "not confirmed for too long");
        queue.locked(false, 41_000);
        assertFalse(queue.isLocked());
    }
}
