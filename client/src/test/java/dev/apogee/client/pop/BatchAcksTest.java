package dev.apogee.client.pop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.BatchAck;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BatchAcksTest {

    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private static ReceivedMessage popped(String retryMark, int queueId, long checkpoint, long popTime, long offset) {
        MessageView view = new MessageView("T", new byte[1], Map.of(), "id" + offset, "oid" + offset, queueId, offset,
                0, 0, 0, HOST, 0, HOST, 0, 0);
        return new ReceivedMessage(view, new PopReceipt(checkpoint, popTime, 30_000, 2, retryMark, "broker-a", queueId,
                offset));
    }

    /** The bit set whose first word is {@code word}: 0b1001 sets bits 0 and 3. */
    private static BitSet word(long word) {
        return BitSet.valueOf(new long[] {word});
    }

    @Test
    void oneEntryPerPopWithTheOffsetsAsBitsFromItsCheckpoint() {
        ReceivedMessage a = popped("0", 1, 10, 500, 10);
        ReceivedMessage b = popped("0", 1, 10, 500, 13);
        ReceivedMessage otherPop = popped("0", 1, 14, 600, 14);
        ReceivedMessage otherQueue = popped("0", 2, 10, 500, 11);
        ReceivedMessage retried = popped("1", 1, 10, 500, 12);
        BatchAcks.Plan plan = BatchAcks.plan("g", List.of(a, otherPop, b, otherQueue, retried));

        assertEquals("broker-a", plan.body().brokerName());
        assertEquals(List.of(
                BatchAck.of("g", "T", "0", 10, 1, 2, 500, 30_000, word(0b1001)),
                BatchAck.of("g", "T", "0", 14, 1, 2, 600, 30_000, word(0b1)),
                BatchAck.of("g", "T", "0", 10, 2, 2, 500, 30_000, word(0b10)),
                BatchAck.of("g", "T", "1", 10, 1, 2, 500, 30_000, word(0b100))), plan.body().acks());
        assertEquals(List.of(a, otherPop, b, otherQueue, retried), plan.carried());
        assertEquals(List.of(), plan.singles());
    }

    @Test
    void anOffsetBeforeItsCheckpointIsAckedOnItsOwn() {
        ReceivedMessage odd = popped("0", 1, 20, 500, 19);
        ReceivedMessage fine = popped("0", 1, 20, 500, 21);
        BatchAcks.Plan plan = BatchAcks.plan("g", List.of(odd, fine));
        assertEquals(List.of(BatchAck.of("g", "T", "0", 20, 1, 2, 500, 30_000, word(0b10))), plan.body().acks());
        assertEquals(List.of(fine), plan.carried());
        assertEquals(List.of(odd), plan.singles());
    }
}
