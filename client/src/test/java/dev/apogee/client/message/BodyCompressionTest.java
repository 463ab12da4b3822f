package dev.apogee.client.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageRecordCodec;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Inflater;
import org.apache.rocketmq.common.compression.CompressorFactory;
import org.junit.jupiter.api.Test;

class BodyCompressionTest {

    private static final byte[] BODY = "a fairly repetitive body ".repeat(400).getBytes(StandardCharsets.UTF_8);

    @Test
    void flagsAreTheCompressedBitAndZlibType3As5xClientsSetThem() {
        assertEquals(0x1 | 0x300, BodyCompression.zlibFlags());
    }

    @Test
    void deflatedBodiesAreStandardZlibStreams() throws Exception {
        byte[] compressed = BodyCompression.deflate(BODY, 5);
        assertTrue(compressed.length < BODY.length / 4);
        assertEquals(0x78, compressed[0] & 0xFF, "a zlib header, as java.util.zip.Inflater and the official client read");
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        byte[] out = new byte[BODY.length];
        assertEquals(BODY.length, inflater.inflate(out));
        inflater.end();
        assertArrayEquals(BODY, out);
    }

    @Test
    void aRecordWithTheFlagDecodesToTheOriginalBody() {
        for (int typeBits : new int[] {0, 3 << 8}) {
            byte[] record = MessageRecordCodec.encode(new MessageDraft("T", 1, 0,
                    MessageSysFlag.COMPRESSED | typeBits, 1L, new byte[] {127, 0, 0, 1}, 1, new byte[] {127, 0, 0, 1},
                    2, 0, 0, BodyCompression.deflate(BODY, 5),
                    MessageProperties.format(Map.of(MessageProperties.UNIQ_KEY, "ID1", MessageProperties.TAGS, "t"))));
            MessageView view = MessageViews.decodeOne(record);
            assertArrayEquals(BODY, view.body());
            assertEquals("ID1", view.messageId());
            assertEquals("t", view.tags());
        }
    }

    @Test
    void uncompressedBodiesAreLeftAlone() {
        assertArrayEquals(BODY, BodyCompression.decode(BODY, MessageSysFlag.MULTI_TAGS));
    }

    @Test
    void bodiesTheOfficialCompressorsWroteAreReadWithEachType() throws Exception {
        for (CompressionType type : CompressionType.values()) {
            org.apache.rocketmq.common.compression.CompressionType official =
                    org.apache.rocketmq.common.compression.CompressionType.valueOf(type.name());
            byte[] compressed = CompressorFactory.getCompressor(official).compress(BODY, 5);
            int sysFlag = org.apache.rocketmq.common.sysflag.MessageSysFlag.COMPRESSED_FLAG
                    | official.getCompressionFlag();
            assertEquals(BodyCompression.flags(type), sysFlag, "the flag bits of " + type);
            assertArrayEquals(BODY, BodyCompression.decode(compressed, sysFlag), type.name());
        }
    }

    @Test
    void bodiesWeCompressAreReadByTheOfficialDecompressors() throws Exception {
        for (CompressionType type : CompressionType.values()) {
            byte[] compressed = BodyCompression.compress(BODY, type, 5);
            assertTrue(compressed.length < BODY.length / 4, type + " compressed to " + compressed.length);
            var official = org.apache.rocketmq.common.sysflag.MessageSysFlag.getCompressionType(BodyCompression.flags(type));
            assertEquals(type.name(), official.name());
            assertArrayEquals(BODY, CompressorFactory.getCompressor(official).decompress(compressed), type.name());
        }
    }

    @Test
    void corruptBodiesAndUnknownTypesFailClearly() {
        for (CompressionType type : CompressionType.values()) {
            byte[] compressed = BodyCompression.compress(BODY, type, 5);
            byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);
            assertThrows(ClientException.class, () -> BodyCompression.decode(truncated, BodyCompression.flags(type)),
                    type.name());
        }
        assertThrows(ClientException.class, () -> BodyCompression.decode(BODY, MessageSysFlag.COMPRESSED));
        ClientException unknown = assertThrows(ClientException.class,
                () -> BodyCompression.decode(BODY, MessageSysFlag.COMPRESSED | (5 << 8)));
        assertTrue(unknown.getMessage().contains("unknown type 5"), unknown.getMessage());
    }
}
