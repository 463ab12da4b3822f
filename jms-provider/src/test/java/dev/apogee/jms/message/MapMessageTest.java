package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MapMessage (3.11.4 and its javadoc). */
class MapMessageTest {

    private final ApogeeMapMessage message = new ApogeeMapMessage();

    @Test
    void itemsConvertLikeProperties() throws Exception {
        message.setShort("s", (short) 2);
        message.setChar("c", 'x');
        message.setString("n", "8");
        message.setFloat("f", 0.5f);
        assertEquals(2L, message.getLong("s"));
        assertEquals("x", message.getString("c"));
        assertEquals('x', message.getChar("c"));
        assertEquals(8, message.getInt("n"));
        assertEquals(0.5, message.getDouble("f"));
        assertThrows(MessageFormatException.class, () -> message.getByte("s"));
        assertThrows(MessageFormatException.class, () -> message.getChar("n"));
        assertThrows(MessageFormatException.class, () -> message.getBytes("n"));
        assertThrows(MessageFormatException.class, () -> message.getInt("c"));
    }

    @Test
    void missingItemsReadAsValueOfNull() throws Exception {
        assertNull(message.getString("x"));
        assertNull(message.getBytes("x"));
        assertNull(message.getObject("x"));
        assertFalse(message.getBoolean("x"));
        assertThrows(NumberFormatException.class, () -> message.getLong("x"));
        assertThrows(NullPointerException.class, () -> message.getFloat("x"));
        assertThrows(NullPointerException.class, () -> message.getChar("x"));
    }

    @Test
    void namesItemExistsAndCopies() throws Exception {
        byte[] bytes = {1, 2, 3};
        message.setBytes("b", bytes);
        message.setBytes("slice", bytes, 1, 2);
        message.setObject("i", 4);
        bytes[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("b"));
        message.getBytes("b")[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBytes("b"));
        assertArrayEquals(new byte[] {2, 3}, (byte[]) message.getObject("slice"));
        assertTrue(message.itemExists("i"));
        assertFalse(message.itemExists("j"));
        assertEquals(List.of("b", "slice", "i"), Collections.list(message.getMapNames()));
    }

    @Test
    void refusesBadNamesAndValues() {
        assertThrows(IllegalArgumentException.class, () -> message.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> message.setInt("", 1));
        assertThrows(MessageFormatException.class, () -> message.setObject("o", new Object()));
    }

    @Test
    void bodyIsAMapOrNothing() throws Exception {
        assertNull(message.getBody(String.class)); // empty: no body, any class
        message.setInt("a", 1);
        assertEquals(Map.of("a", 1), message.getBody(Map.class));
        assertTrue(message.isBodyAssignableTo(Map.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void receivedIsReadOnlyUntilClearBody() throws Exception {
        message.setInt("a", 1);
        message.markReceived();
        assertThrows(MessageNotWriteableException.class, () -> message.setInt("b", 2));
        assertEquals(1, message.getInt("a"));
        message.clearBody();
        assertFalse(message.itemExists("a"));
        message.setInt("b", 2);
        assertEquals(2, message.getInt("b"));
    }
}
