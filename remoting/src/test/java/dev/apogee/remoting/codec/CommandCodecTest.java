package dev.apogee.remoting.codec;

import static dev.apogee.remoting.codec.Frames.command;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.CommandFlags;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips through {@link CommandCodec} in both header encodings and on heap and direct buffers. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandCodecTest {

    private static final byte[] LARGE_BODY = randomBytes(4 * 1024 * 1024 + 3);

    static Stream<Arguments> commands() {
        Map<String, String> bigExtFields = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            bigExtFields.put("key-" + i, "value-" + i + "-\u00fc\u4e2d");
        }
        return Stream.of(
                Arguments.of("request", command(RequestCode.SEND_MESSAGE, 1, 0, null,
                        Map.of("a", "group", "b", "topic"), "hello".getBytes(), SerializeType.JSON)),
                Arguments.of("response", command(ResponseCode.SUCCESS, 2, CommandFlags.RESPONSE, null,
                        Map.of("msgId", "X", "queueId", "3"), null, SerializeType.JSON)),
                Arguments.of("oneway", command(RequestCode.UPDATE_CONSUMER_OFFSET, 3, CommandFlags.ONEWAY, null,
                        Map.of("consumerGroup", "g"), null, SerializeType.JSON)),
                Arguments.of("remark", command(ResponseCode.SYSTEM_ERROR, 4, CommandFlags.RESPONSE,
                        "the header field 'topic' is required", Map.of(), null, SerializeType.JSON)),
                Arguments.of("unicode remark", command(ResponseCode.SYSTEM_ERROR, 5, CommandFlags.RESPONSE,
                        "\u00e9\u4e2d\u6587 \ud83d\ude80 \"quoted\" back\\slash\n\ttab", Map.of(), null,
                        SerializeType.JSON)),
                Arguments.of("empty extFields", command(RequestCode.HEART_BEAT, 6, 0, null, Map.of(), null,
                        SerializeType.JSON)),
                Arguments.of("big extFields", command(RequestCode.HEART_BEAT, 7, 0, null, bigExtFields, null,
                        SerializeType.JSON)),
                Arguments.of("large body", command(RequestCode.SEND_MESSAGE, 8, 0, null, Map.of("k", "v"),
                        LARGE_BODY, SerializeType.JSON)),
                Arguments.of("negative code and opaque", command(-1, -2, CommandFlags.RESPONSE, null, Map.of(), null,
                        SerializeType.JSON)),
                Arguments.of("extreme ints", command(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, null, Map.of(),
                        new byte[] {0}, SerializeType.JSON)),
                Arguments.of("empty values and keys", command(RequestCode.HEART_BEAT, 9, 0, null,
                        Map.of("", "", "e", ""), null, SerializeType.JSON)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void jsonRoundTripOnHeapAndDirectBuffers(String name, RemotingCommand command) {
        assertEquals(command, roundTrip(command, UnpooledByteBufAllocator.DEFAULT));
        assertEquals(command, roundTrip(command, PooledByteBufAllocator.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void binaryRoundTripOnHeapAndDirectBuffers(String name, RemotingCommand json) {
        RemotingCommand command = json.withSerializeType(SerializeType.ROCKETMQ);

        RemotingCommand decoded = roundTrip(command, PooledByteBufAllocator.DEFAULT);
        assertEquals(decoded, roundTrip(command, new UnpooledByteBufAllocator(false)), "heap and direct agree");

        if (command.code() > Short.MAX_VALUE || command.code() < Short.MIN_VALUE) {
            assertEquals(json, decoded, "a code beyond two bytes goes as JSON, not truncated");
            return;
        }
        // 16-bit code and version on this layout, and an empty remark reads as none.
        RemotingCommand expected = new RemotingCommand((short) command.code(), command.language(),
                (short) command.version(), command.opaque(), command.flag(),
                command.remark() == null || command.remark().isEmpty() ? null : command.remark(),
                command.extFields(), command.body(), SerializeType.ROCKETMQ);
        assertEquals(expected, decoded);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void everyLanguageAndVersionSurvives(SerializeType type) {
        for (LanguageCode language : LanguageCode.values()) {
            RemotingCommand command = new RemotingCommand(RequestCode.HEART_BEAT, language, 513, 1, 0, null,
                    Map.of(), null, type);

            RemotingCommand decoded = roundTrip(command, PooledByteBufAllocator.DEFAULT);

            assertEquals(language, decoded.language());
            assertEquals(513, decoded.version());
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void emptyBodyDecodesAsNoBody(SerializeType type) {
        RemotingCommand command = command(RequestCode.HEART_BEAT, 1, 0, null, Map.of(), new byte[0], type);

        RemotingCommand decoded = roundTrip(command, PooledByteBufAllocator.DEFAULT);

        assertNull(decoded.body());
        assertEquals(0, decoded.bodyLength());
    }

    @Test
    void jsonKeepsAnEmptyRemark() {
        RemotingCommand command = command(ResponseCode.SUCCESS, 1, CommandFlags.RESPONSE, "", Map.of(), null,
                SerializeType.JSON);

        assertEquals("", roundTrip(command, PooledByteBufAllocator.DEFAULT).remark());
    }

    @Test
    void nullExtFieldValuesAreNotSent() {
        Map<String, String> fields = new HashMap<>();
        fields.put("kept", "v");
        fields.put("dropped", null);
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand command = command(RequestCode.HEART_BEAT, 1, 0, null, fields, null, type);

            assertEquals(Map.of("kept", "v"), roundTrip(command, PooledByteBufAllocator.DEFAULT).extFields());
        }
    }

    @Test
    void frameLengthCountsHeaderWordHeaderAndBody() {
        RemotingCommand command = command(RequestCode.SEND_MESSAGE, 1, 0, null, Map.of(), new byte[10],
                SerializeType.JSON);
        ByteBuf frame = CommandCodec.encode(command, PooledByteBufAllocator.DEFAULT);
        try {
            int frameLength = frame.readInt();
            int headerWord = frame.readInt();
            int headerLength = headerWord & FrameLayout.HEADER_LENGTH_MASK;

            assertEquals(frame.readableBytes() + FrameLayout.HEADER_LENGTH_FIELD_SIZE, frameLength);
            assertEquals(frameLength, FrameLayout.HEADER_LENGTH_FIELD_SIZE + headerLength + 10);
            assertEquals(SerializeType.JSON.code(), headerWord >>> FrameLayout.SERIALIZE_TYPE_SHIFT);
        } finally {
            frame.release();
        }
    }

    @Test
    void encodeHeaderLeavesTheBodyOut() {
        RemotingCommand command = command(RequestCode.SEND_MESSAGE, 1, 0, null, Map.of(), new byte[100],
                SerializeType.ROCKETMQ);
        ByteBuf header = CommandCodec.encodeHeader(command, PooledByteBufAllocator.DEFAULT);
        try {
            int frameLength = header.readInt();
            int headerLength = header.readInt() & FrameLayout.HEADER_LENGTH_MASK;

            assertEquals(headerLength, header.readableBytes());
            assertEquals(FrameLayout.HEADER_LENGTH_FIELD_SIZE + headerLength + 100, frameLength);
            assertEquals(SerializeType.ROCKETMQ.code(), header.getByte(FrameLayout.LENGTH_FIELD_SIZE));
        } finally {
            header.release();
        }
    }

    @Test
    void headerTooLongForTheLengthFieldIsRefusedWithoutLeaking() {
        String huge = "x".repeat(FrameLayout.HEADER_LENGTH_MASK + 1);
        RemotingCommand command = command(RequestCode.HEART_BEAT, 1, 0, huge, Map.of(), null, SerializeType.JSON);

        assertThrows(IllegalArgumentException.class,
                () -> CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT));
    }

    @Test
    void aBinaryKeyLongerThanItsSixteenBitLengthIsRefused() {
        // 30,000 three-byte characters: short enough in chars, 90,000 bytes in UTF-8.
        String key = "\u4e2d".repeat(30_000);
        RemotingCommand command = command(RequestCode.HEART_BEAT, 1, 0, null, Map.of(key, "v"), null,
                SerializeType.ROCKETMQ);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CommandCodec.encode(command, UnpooledByteBufAllocator.DEFAULT));
        assertTrue(refused.getMessage().contains("90000 bytes"), refused.getMessage());
    }

    @Test
    void decodeConsumesTheWholeFrame() {
        byte[] bytes = Frames.encode(command(RequestCode.SEND_MESSAGE, 1, 0, "r", Map.of("k", "v"),
                new byte[] {1, 2, 3}, SerializeType.ROCKETMQ));
        ByteBuf frame = Frames.buffer(bytes);
        try {
            frame.skipBytes(FrameLayout.LENGTH_FIELD_SIZE);

            RemotingCommand decoded = CommandCodec.decode(frame);

            assertFalse(frame.isReadable());
            assertArrayEquals(new byte[] {1, 2, 3}, decoded.body());
        } finally {
            frame.release();
        }
    }

    static RemotingCommand roundTrip(RemotingCommand command, ByteBufAllocator allocator) {
        ByteBuf frame = CommandCodec.encode(command, allocator);
        try {
            int frameLength = frame.readInt();
            assertEquals(frame.readableBytes(), frameLength, "length word");
            return CommandCodec.decode(frame);
        } finally {
            frame.release();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aPopCodeAskedForInBinaryGoesAsJsonWithItsWholeCode() {
        RemotingCommand pop = new RemotingCommand(RequestCode.POP_MESSAGE, LanguageCode.JAVA, 1, 7, 0, null,
                Map.of("topic", "t"), null, SerializeType.ROCKETMQ);
        RemotingCommand decoded = roundTrip(pop, PooledByteBufAllocator.DEFAULT);
        assertEquals(RequestCode.POP_MESSAGE, decoded.code());
        assertEquals(SerializeType.JSON, decoded.serializeType());
        assertEquals(Map.of("topic", "t"), decoded.extFields());
    }
}
