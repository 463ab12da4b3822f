package dev.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.PopRetryMarks;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BatchAckRequestBodyTest {

    private static BitSet bits(int... set) {
        BitSet bits = new BitSet();
        for (int bit : set) {
            bits.set(bit);
        }
        return bits;
    }

    @Test
    void writesTheShortNamesAndTheBitSetAsBase64OfItsBytes() {
        BatchAck ack = BatchAck.of("g", "T", PopRetryMarks.NORMAL, 5, 1, 2, 1700000000000L, 60000, bits(0, 9));
        String json = new String(RemotingJson.encode(new BatchAckRequestBody("broker-a", List.of(ack))),
                StandardCharsets.UTF_8);
        // BitSet {0, 9}: bytes 0x01 0x02, base64 "AQI=".
        assertEquals("{\"acks\":[{\"b\":\"AQI=\",\"c\":\"g\",\"it\":60000,\"pt\":1700000000000,\"q\":1,\"r\":\"0\","
                + "\"rq\":2,\"so\":5,\"t\":\"T\"}],\"brokerName\":\"broker-a\"}", json);
        assertEquals(new BatchAckRequestBody("broker-a", List.of(ack)),
                RemotingJson.decode(json.getBytes(StandardCharsets.UTF_8), BatchAckRequestBody.class));
    }

    @Test
    void readsTheLongNamesToo() {
        String json = "{\"brokerName\":\"b\",\"acks\":[{\"consumerGroup\":\"g\",\"topic\":\"T\",\"retry\":\"1\","
                + "\"startOffset\":7,\"queueId\":3,\"reviveQueueId\":0,\"popTime\":9,\"invisibleTime\":10,"
                + "\"bitSet\":\"BQ==\"}]}";
        BatchAck ack = RemotingJson.decode(json.getBytes(StandardCharsets.UTF_8), BatchAckRequestBody.class)
                .acks().get(0);
        assertEquals(bits(0, 2), ack.acked());
        assertEquals(7, ack.startOffset());
        assertEquals(3, ack.queueId());
        assertEquals(9, ack.popTime());
        assertEquals("%RETRY%g_T", ack.storedTopic());
    }

    @Test
    void theRetryMarkNamesTheStoredTopic() {
        assertEquals("T", BatchAck.of("g", "T", "0", 0, 0, 0, 0, 0, bits()).storedTopic());
        assertEquals("%RETRY%g+T", BatchAck.of("g", "T", "2", 0, 0, 0, 0, 0, bits()).storedTopic());
        assertThrows(IllegalArgumentException.class, () -> BatchAck.of("g", "T", "x", 0, 0, 0, 0, 0, bits()).storedTopic());
        assertThrows(IllegalArgumentException.class, () -> BatchAck.of("g", "T", null, 0, 0, 0, 0, 0, bits()).storedTopic());
    }

    @Test
    void aBodyWithoutEntriesHasAnEmptyListAndANullEntryIsABodyError() {
        assertTrue(RemotingJson.decode("{\"brokerName\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                BatchAckRequestBody.class).acks().isEmpty());
        assertThrows(BodyException.class, () -> RemotingJson.decode("{\"acks\":[null]}".getBytes(StandardCharsets.UTF_8),
                BatchAckRequestBody.class));
    }
}
