package dev.apogee.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** BytesMessage (3.11.3 and its javadoc): DataOutput encoding, modes, end of body. */
class BytesMessageTest {

    private final ApogeeBytesMessage message = new ApogeeBytesMessage();

    @Test
    void writesAsDataOutputAndReadsBack() throws Exception {
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -3);
        message.writeChar('é');
        message.writeInt(0x01020304);
        message.writeLong(-5L);
        message.writeFloat(1.25f);
        message.writeDouble(2.5);
        message.writeUTF("héllo");
        message.writeBytes(new byte[] {9, 8, 7}, 1, 2);
        message.writeObject(6);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.writeBoolean(true);
        data.writeByte(-2);
        data.writeShort(-3);
        data.writeChar('é');
        data.writeInt(0x01020304);
        data.writeLong(-5L);
        data.writeFloat(1.25f);
        data.writeDouble(2.5);
        data.writeUTF("héllo");
        data.write(new byte[] {8, 7});
        data.writeInt(6);
        assertArrayEquals(expected.toByteArray(), message.getBody(byte[].class));

        message.reset();
        assertEquals(expected.size(), message.getBodyLength());
        assertTrue(message.readBoolean());
        assertEquals(254, message.readUnsignedByte());
        assertEquals(-3, message.readShort());
        assertEquals('é', message.readChar());
        assertEquals(0x01020304, message.readInt());
        assertEquals(-5L, message.readLong());
        assertEquals(1.25f, message.readFloat());
        assertEquals(2.5, message.readDouble());
        assertEquals("héllo", message.readUTF());
        assertEquals(8, message.readByte());
        assertEquals(7, message.readByte());
        assertEquals(6, message.readInt());
        assertThrows(MessageEOFException.class, message::readByte);
    }

    @Test
    void writeOnlyUntilResetThenReadOnly() throws Exception {
        message.writeInt(1);
        assertThrows(MessageNotReadableException.class, message::readInt);
        assertThrows(MessageNotReadableException.class, message::getBodyLength);
        message.reset();
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        assertEquals(1, message.readInt());
        message.reset();
        assertEquals(1, message.readInt()); // reset rewinds
        message.clearBody();
        message.writeInt(3); // writable again, and empty
        message.reset();
        assertEquals(4, message.getBodyLength());
        assertEquals(3, message.readInt());
    }

    @Test
    void aReadPastTheEndFailsWithoutMoving() throws Exception {
        message.writeShort((short) 0x0102);
        message.reset();
        assertThrows(MessageEOFException.class, message::readInt);
        assertEquals(0x0102, message.readShort());
    }

    @Test
    void readBytesReturnsCountsThenMinusOne() throws Exception {
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, message.readBytes(buffer));
        assertEquals(1, message.readBytes(buffer, 1));
        assertEquals(5, buffer[0]);
        assertEquals(-1, message.readBytes(buffer));
        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(buffer, 3));
    }

    @Test
    void truncatedUtfIsAnEndOfBodyAndDoesNotMove() throws Exception {
        message.writeShort((short) 10); // a UTF length of 10 with no bytes after it
        message.reset();
        assertThrows(MessageEOFException.class, message::readUTF);
        assertEquals(10, message.readShort());
    }

    @Test
    void writeObjectRefusesNullAndOtherTypes() {
        assertThrows(NullPointerException.class, () -> message.writeObject(null));
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
    }

    @Test
    void receivedBodyIsReadOnlyAndReadable() throws Exception {
        message.writeInt(7);
        message.markReceived();
        assertEquals(7, message.readInt());
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(1));
        message.clearBody();
        message.writeInt(1);
        assertEquals(BodyType.BYTES, message.bodyType());
    }

    @Test
    void emptyBodyIsNoBody() throws Exception {
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(Integer.class));
        message.writeByte((byte) 1);
        assertTrue(message.isBodyAssignableTo(byte[].class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }
}
