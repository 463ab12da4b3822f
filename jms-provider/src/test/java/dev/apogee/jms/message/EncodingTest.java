package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.jms.ApogeeTemporaryQueue;
import jakarta.jms.IllegalStateException;
import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire forms: typed map/stream bodies, text escaping, destination records. */
class EncodingTest {

    @Test
    void typedBodyLayoutIsAsDocumented() throws Exception {
        // version 1, one field, tag 6 (int) 0x00000102
        assertArrayEquals(new byte[] {1, 1, 6, 0, 0, 1, 2}, TypedCodec.encodeStream(List.of(0x102)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", "é");
        // version 1, one entry, name length 1 'k', tag 10 (string) length 2, UTF-8 of é
        assertArrayEquals(new byte[] {1, 1, 1, 'k', 10, 2, (byte) 0xC3, (byte) 0xA9}, TypedCodec.encodeMap(map));
    }

    @Test
    void everyValueTypeRoundTrips() throws Exception {
        List<Object> values = Arrays.asList(null, true, false, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.5,
                "s".repeat(200), new byte[300]);
        List<Object> decoded = TypedCodec.decodeStream(TypedCodec.encodeStream(values));
        assertEquals(values.size(), decoded.size());
        for (int i = 0; i < values.size() - 1; i++) {
            assertEquals(values.get(i), decoded.get(i));
        }
        assertArrayEquals(new byte[300], (byte[]) decoded.get(values.size() - 1));
    }

    @Test
    void corruptBodiesAreFormatErrors() {
        byte[] good = TypedCodec.encodeStream(new ArrayList<>(List.of("hello")));
        assertThrows(MessageFormatException.class, () -> TypedCodec.decodeStream(Arrays.copyOf(good, 5)));
        assertThrows(MessageFormatException.class, () -> TypedCodec.decodeStream(new byte[] {2, 0}));
        assertThrows(MessageFormatException.class, () -> TypedCodec.decodeMap(new byte[] {1, 1, 1, 'k', 99}));
        // a length far beyond the body must not allocate it
        assertThrows(MessageFormatException.class,
                () -> TypedCodec.decodeStream(new byte[] {1, 1, 11, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}));
    }

    @Test
    void wireTextEscapingIsReversibleAndSafe() {
        for (String text : List.of("", " ", "\t\n", "plain", "100%", "%0041", "a\u0001b\u0002", "\u3000")) {
            String encoded = WireText.encodeValue(text);
            assertTrue(WireText.isSafe(encoded), encoded);
            assertEquals(text, WireText.decode(encoded));
        }
        assertEquals("plain", WireText.encodeValue("plain"));
        assertFalse(WireText.isKey("a b"));
        assertEquals("x", PropertyWireCodec.jmsName(PropertyWireCodec.wireName("x")));
        assertEquals("TAGS", PropertyWireCodec.jmsName(PropertyWireCodec.wireName("TAGS")));
        assertEquals(null, PropertyWireCodec.jmsName("TAGS"));
        assertEquals(null, PropertyWireCodec.jmsName(ProviderProperties.BODY_TYPE));
    }

    @Test
    void destinationRecords() {
        ApogeeTemporaryQueue queue = new ApogeeTemporaryQueue("r-1", null);
        assertEquals("temp-queue:r-1", DestinationCodec.encode(queue));
        assertEquals(queue, DestinationCodec.decode("temp-queue:r-1"));
        assertEquals(null, DestinationCodec.decode("bogus:x"));
        assertEquals(null, DestinationCodec.decode("queue:"));
        assertThrows(IllegalStateException.class, queue::delete); // learnt, not created here
    }
}
