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
    void otherAlgorithmsAndCorruptBodiesFailClearly() {
        ClientException lz4 = assertThrows(ClientException.class,
                () -> BodyCompression.decode(BODY, MessageSysFlag.COMPRESSED | (1 << 8)));
        assertTrue(lz4.getMessage().contains("LZ4"), lz4.getMessage());
        assertThrows(ClientException.class, () -> BodyCompression.decode(BODY, MessageSysFlag.COMPRESSED));
    }
}
