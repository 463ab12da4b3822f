package dev.apogee.remoting.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageRecordCodecTest {

    private static final byte[] V4 = {10, 0, 0, 7};
    private static final byte[] V6 = {0x20, 1, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private static MessageDraft draft(String topic, byte[] bornHost, byte[] storeHost, String properties) {
        int sysFlag = (bornHost.length == 16 ? MessageSysFlag.BORNHOST_V6 : 0)
                | (storeHost.length == 16 ? MessageSysFlag.STOREHOST_V6 : 0);
        return new MessageDraft(topic, 3, 9, sysFlag, 1_700_000_000_000L, bornHost, 5555, storeHost, 10911, 2, 0,
                "hello, body".getBytes(StandardCharsets.UTF_8), properties);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 16})
    void recordsRoundTripWithEitherAddressFamily(int addressLength) {
        byte[] host = addressLength == 4 ? V4 : V6;
        String properties = "TAGS\u0001t\u0002a\u00015\u0002";
        ByteBuffer record = ByteBuffer.wrap(MessageRecordCodec.encode(draft("orders", host, host, properties)));
        StoredMessage message = MessageRecordCodec.decode(record.duplicate(), true);
        assertEquals("orders", message.topic());
        assertEquals(3, message.queueId());
        assertEquals(2, message.reconsumeTimes());
        assertArrayEquals(host, message.bornHostAddress());
        assertEquals(properties, message.properties());
        assertEquals("5", message.property("a"));
        assertEquals(properties, MessageRecordCodec.properties(record.duplicate()), "properties without the body");
    }

    @Test
    void longTopicsUseTheSecondMagicAndStillReadBack() {
        String topic = "t".repeat(200);
        ByteBuffer record = ByteBuffer.wrap(MessageRecordCodec.encode(draft(topic, V4, V4, "k\u0001v\u0002")));
        assertEquals(MessageRecordLayout.MAGIC_V2, record.getInt(MessageRecordLayout.MAGIC_OFFSET));
        assertEquals(topic, MessageRecordCodec.decode(record.duplicate(), true).topic());
        assertEquals("k\u0001v\u0002", MessageRecordCodec.properties(record.duplicate()));
    }

    @Test
    void inconsistentRecordsAreRefusedNotMisread() {
        byte[] bytes = MessageRecordCodec.encode(draft("orders", V4, V4, "k\u0001v\u0002"));
        ByteBuffer truncated = ByteBuffer.wrap(bytes, 0, bytes.length - 3).slice();
        assertThrows(MalformedRecordException.class, () -> MessageRecordCodec.decode(truncated.duplicate(), false));
        assertThrows(MalformedRecordException.class, () -> MessageRecordCodec.properties(truncated.duplicate()));
        ByteBuffer hugeBody = ByteBuffer.wrap(bytes.clone());
        hugeBody.putInt(MessageRecordLayout.bodyLengthOffset(0), 1 << 20);
        assertThrows(MalformedRecordException.class, () -> MessageRecordCodec.properties(hugeBody.duplicate()));
        ByteBuffer badMagic = ByteBuffer.wrap(bytes.clone());
        badMagic.putInt(MessageRecordLayout.MAGIC_OFFSET, 42);
        assertThrows(MalformedRecordException.class, () -> MessageRecordCodec.decode(badMagic.duplicate(), false));
        ByteBuffer badCrc = ByteBuffer.wrap(bytes.clone());
        badCrc.put(MessageRecordLayout.bodyLengthOffset(0) + 4, (byte) 'j');
        assertThrows(MalformedRecordException.class, () -> MessageRecordCodec.decode(badCrc.duplicate(), true));
    }
}
