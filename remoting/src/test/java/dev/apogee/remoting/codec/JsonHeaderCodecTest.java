package dev.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.CommandFlags;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON headers as other implementations write them: any key order, extra keys, loose types. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonHeaderCodecTest {

    /** A send request header as the official 5.3.3 client writes it (fastjson, alphabetical). */
    private static final String CAPTURED = "{\"code\":310,\"extFields\":{\"a\":\"grp\",\"b\":\"topic\"},\"flag\":0,"
            + "\"language\":\"JAVA\",\"opaque\":22,\"remark\":\"optional text\",\"serializeTypeCurrentRPC\":\"JSON\","
            + "\"version\":479}";

    private static final RemotingCommand EXPECTED = new RemotingCommand(310, LanguageCode.JAVA, 479, 22, 0,
            "optional text", Map.of("a", "grp", "b", "topic"), null, SerializeType.JSON);

    @Test
    void decodesTheCapturedOfficialHeader() {
        assertEquals(EXPECTED, decode(CAPTURED));
    }

    @Test
    void keyOrderDoesNotMatter() {
        String reversed = "{\"version\":479,\"serializeTypeCurrentRPC\":\"JSON\",\"remark\":\"optional text\","
                + "\"opaque\":22,\"language\":\"JAVA\",\"flag\":0,\"extFields\":{\"b\":\"topic\",\"a\":\"grp\"},"
                + "\"code\":310}";
        String shuffled = "{\"opaque\":22,\"extFields\":{\"a\":\"grp\",\"b\":\"topic\"},\"code\":310,"
                + "\"remark\":\"optional text\",\"version\":479,\"flag\":0,\"language\":\"JAVA\"}";

        assertEquals(EXPECTED, decode(reversed));
        assertEquals(EXPECTED, decode(shuffled));
    }

    @Test
    void unknownKeysOfAnyShapeAreIgnored() {
        String json = "{\"future\":{\"nested\":[1,2,{\"code\":99}]},\"code\":310,\"list\":[\"x\"],"
                + "\"extFields\":{\"a\":\"grp\",\"b\":\"topic\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":22,"
                + "\"remark\":\"optional text\",\"n\":null,\"d\":1.5,\"t\":true,\"version\":479}";

        assertEquals(EXPECTED, decode(json));
    }

    @Test
    void nullOrAbsentExtFieldsAreEmpty() {
        assertEquals(Map.of(), decode("{\"code\":1,\"extFields\":null}").extFields());
        assertEquals(Map.of(), decode("{\"code\":1}").extFields());
    }

    @Test
    void absentFieldsTakeDefaults() {
        RemotingCommand command = decode("{}");

        assertEquals(new RemotingCommand(0, LanguageCode.OTHER, 0, 0, 0, null, Map.of(), null, SerializeType.JSON),
                command);
    }

    @Test
    void numbersMayBeStrings() {
        RemotingCommand command = decode("{\"code\":\"310\",\"version\":\" 479 \",\"opaque\":\"-22\",\"flag\":\"1\"}");

        assertEquals(310, command.code());
        assertEquals(479, command.version());
        assertEquals(-22, command.opaque());
        assertEquals(CommandFlags.RESPONSE, command.flag());
    }

    @Test
    void extFieldValuesOfOtherScalarTypesBecomeStrings() {
        RemotingCommand command = decode("{\"extFields\":{\"queueId\":3,\"unitMode\":false,\"offset\":-9,"
                + "\"ratio\":0.5,\"gone\":null,\"nested\":{\"x\":1},\"list\":[1]}}");

        assertEquals(Map.of("queueId", "3", "unitMode", "false", "offset", "-9", "ratio", "0.5"),
                command.extFields());
    }

    @Test
    void unquotedAndSingleQuotedKeysAsFastjsonMayWrite() {
        RemotingCommand command = decode("{code:310,'opaque':22,extFields:{a:'grp',0:\"zero\"}}");

        assertEquals(310, command.code());
        assertEquals(22, command.opaque());
        assertEquals(Map.of("a", "grp", "0", "zero"), command.extFields());
    }

    @Test
    void remarkMayBeNullOrEscapedUnicode() {
        assertNull(decode("{\"remark\":null}").remark());
        assertEquals("\u00e9\u4e2d \ud83d\ude80", decode("{\"remark\":\"\\u00e9\\u4e2d \\ud83d\\ude80\"}").remark());
        assertEquals("\u00e9\u4e2d", decode("{\"remark\":\"\u00e9\u4e2d\"}").remark());
    }

    @Test
    void unknownLanguageReadsAsOther() {
        assertEquals(LanguageCode.OTHER, decode("{\"language\":\"COBOL\"}").language());
        assertEquals(LanguageCode.RUST, decode("{\"language\":\"RUST\"}").language());
    }

    @Test
    void encodedHeaderHasSortedKeysAndAlwaysExtFields() {
        RemotingCommand command = new RemotingCommand(0, LanguageCode.JAVA, 513, 5, CommandFlags.RESPONSE, null,
                Map.of(), null, SerializeType.JSON);
        ByteBuf out = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            JsonHeaderCodec.encode(command, out);
            String json = out.toString(StandardCharsets.UTF_8);

            assertEquals("{\"code\":0,\"extFields\":{},\"flag\":1,\"language\":\"JAVA\",\"opaque\":5,"
                    + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":513}", json);
            assertFalse(json.contains("remark"));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[1,2]",
        "\"header\"",
        "42",
        "null",
        "{\"code\":",
        "{\"code\":1",
        "{\"code\":1}}",
        "{\"code\":1} {}",
        "{\"code\":1.5}",
        "{\"code\":\"abc\"}",
        "{\"code\":2147483648}",
        "{\"code\":true}",
        "{\"code\":{\"x\":1}}",
        "{\"opaque\":[1]}",
        "{\"extFields\":[\"a\"]}",
        "{\"extFields\":\"a=b\"}",
        "{\"remark\":{\"code\":7}}",
        "{\"language\":[\"JAVA\"]}",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
        "{code:1,,}",
        "\u0000\u0001\u0002",
    })
    void malformedHeadersAreRejected(String json) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decode(json));

        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = {'{', '"', 'r', 'e', 'm', 'a', 'r', 'k', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThrows(MalformedFrameException.class, () -> JsonHeaderCodec.decode(bytes, 0, bytes.length, null));
    }

    @Test
    void decodesOnlyTheGivenSlice() {
        byte[] bytes = ("xx" + CAPTURED + "yy").getBytes(StandardCharsets.UTF_8);

        assertEquals(EXPECTED, JsonHeaderCodec.decode(bytes, 2, bytes.length - 4, null));
    }

    private static RemotingCommand decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return JsonHeaderCodec.decode(bytes, 0, bytes.length, null);
    }
}
