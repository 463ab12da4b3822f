package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

/** StreamMessage (3.11.5 and its javadoc's conversion table). */
class StreamMessageTest {

    private final ApogeeStreamMessage message = new ApogeeStreamMessage();

    @Test
    void conversionsFollowTheTable() throws Exception {
        message.writeByte((byte) 5);
        message.writeFloat(1.5f);
        message.writeString("12");
        message.writeChar('c');
        message.writeBoolean(true);
        message.reset();
        assertEquals(5L, message.readLong());           // byte as long
        assertEquals(1.5, message.readDouble());        // float as double
        assertEquals((short) 12, message.readShort());  // String through valueOf
        assertEquals("c", message.readString());        // char as String
        assertEquals("true", message.readString());
        assertThrows(MessageEOFException.class, message::readInt);
    }

    @Test
    void aFailedReadDoesNotMoveThePointer() throws Exception {
        message.writeString("abc");
        message.writeLong(7);
        message.reset();
        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readChar);
        assertThrows(MessageFormatException.class, () -> message.readBytes(new byte[1]));
        assertEquals("abc", message.readString());
        assertThrows(MessageFormatException.class, message::readInt);  // long cannot narrow
        assertThrows(MessageFormatException.class, message::readFloat);
        assertEquals(7L, message.readLong());
    }

    @Test
    void readBytesReadsOneFieldInChunks() throws Exception {
        message.writeBytes(new byte[] {1, 2, 3, 4});
        message.writeBytes(new byte[] {5, 6});
        message.writeBytes(null);
        message.writeBytes(new byte[0]);
        message.writeInt(9);
        message.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, message.readBytes(buffer));
        assertThrows(MessageFormatException.class, message::readInt); // the field is not finished
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(-1, message.readBytes(buffer)); // a full chunk ended it: one more call says so
        byte[] big = new byte[8];
        assertEquals(2, message.readBytes(big));      // fewer than asked: the field is done
        assertEquals(-1, message.readBytes(big));     // the null field
        assertEquals(0, message.readBytes(big));      // the empty field
        assertEquals(9, message.readInt());
    }

    @Test
    void nullFieldsReadAsValueOfNull() throws Exception {
        message.writeObject(null);
        message.writeObject(null);
        message.writeObject(null);
        message.reset();
        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(NullPointerException.class, message::readDouble);
        assertNull(message.readString());
        assertFalse(message.readBoolean());
        assertNull(message.readObject());
    }

    @Test
    void readObjectReturnsTheWrittenTypeAndCopiesBytes() throws Exception {
        byte[] bytes = {1};
        message.writeObject(bytes);
        message.writeObject((short) 3);
        assertThrows(MessageFormatException.class, () -> message.writeObject(new StringBuilder()));
        bytes[0] = 2; // the message has its own copy
        message.reset();
        assertArrayEquals(new byte[] {1}, (byte[]) message.readObject());
        assertEquals((short) 3, message.readObject());
    }

    @Test
    void modes() throws Exception {
        message.writeInt(1);
        assertThrows(MessageNotReadableException.class, message::readInt);
        message.reset();
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        message.clearBody();
        assertThrows(MessageNotReadableException.class, message::readInt);
        message.writeInt(3);
        message.markReceived();
        assertEquals(3, message.readInt());
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(4));
    }

    @Test
    void bodyIsNeverOneObject() throws Exception {
        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
        assertFalse(message.isBodyAssignableTo(Object.class));
    }
}
