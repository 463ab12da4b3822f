package dev.apogee.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link BytesMessage}: uninterpreted bytes, written and read as {@code DataOutput}/{@code DataInput}
 * do (big-endian, modified UTF-8 for {@code writeUTF}). Write-only when new or cleared, read-only after
 * {@link #reset()} or on receipt. The body travels as the raw bytes, so native RocketMQ consumers read
 * it unchanged. A read that fails (end of body, bad UTF) leaves the position where it was.
 */
public class ApogeeBytesMessage extends ApogeeMessage implements BytesMessage {

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream writer = new DataOutputStream(written);
    /** The body being read; null while writing. */
    private ByteBuffer reading;

    @Override
    public BodyType bodyType() {
        return BodyType.BYTES;
    }

    /** @throws MessageNotReadableException while writing */
    @Override
    public long getBodyLength() throws JMSException {
        checkReading();
        return reading.limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return take(1).get() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return take(1).get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return take(1).get() & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return take(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return take(2).getShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException {
        return take(2).getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return take(4).getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return take(8).getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return take(4).getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return take(8).getDouble();
    }

    /** A string in modified UTF-8 with a two-byte length, as {@code DataInput.readUTF}. */
    @Override
    public String readUTF() throws JMSException {
        checkReading();
        int start = reading.position();
        ByteArrayInputStream rest = new ByteArrayInputStream(reading.array(), start, reading.remaining());
        try {
            String text = new DataInputStream(rest).readUTF();
            reading.position(reading.limit() - rest.available());
            return text;
        } catch (EOFException e) {
            throw new MessageEOFException("the body ends inside a UTF string");
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("not a modified UTF-8 string: " + e);
            failure.setLinkedException(e);
            throw failure;
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * Reads up to {@code length} bytes into {@code value}: the number read, fewer at the end of the
     * body, and -1 once it is reached.
     *
     * @throws IndexOutOfBoundsException if {@code length} is negative or more than {@code value.length}
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkReading();
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " for an array of " + value.length);
        }
        if (!reading.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, reading.remaining());
        reading.get(value, 0, count);
        return count;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        checkWriting();
        written.write(value ? 1 : 0);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        checkWriting();
        written.write(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(ByteBuffer.allocate(2).putShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(ByteBuffer.allocate(2).putChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(ByteBuffer.allocate(4).putInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(ByteBuffer.allocate(8).putLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(ByteBuffer.allocate(4).putFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(ByteBuffer.allocate(8).putDouble(value));
    }

    /** @throws MessageFormatException if the string's modified UTF-8 form is longer than 65535 bytes */
    @Override
    public void writeUTF(String value) throws JMSException {
        checkWriting();
        try {
            writer.writeUTF(value);
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("cannot write the string: " + e);
            failure.setLinkedException(e);
            throw failure;
        }
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        checkWriting();
        written.write(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkWriting();
        written.write(value, offset, length);
    }

    /**
     * Writes a boxed primitive (a Boolean, Character, Byte ... Double) with the matching write method, a
     * String with {@link #writeUTF}, or a byte array.
     *
     * @throws NullPointerException   if {@code value} is null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("a BytesMessage cannot hold null");
        }
        if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Byte b) {
            writeByte(b);
        } else if (value instanceof Short s) {
            writeShort(s);
        } else if (value instanceof Character c) {
            writeChar(c);
        } else if (value instanceof Integer i) {
            writeInt(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Float f) {
            writeFloat(f);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else if (value instanceof String s) {
            writeUTF(s);
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes);
        } else {
            throw new MessageFormatException("a BytesMessage cannot hold a " + value.getClass().getName());
        }
    }

    /** Makes the body read-only and readable from its start. */
    @Override
    public void reset() {
        if (reading == null) {
            reading = ByteBuffer.wrap(written.toByteArray());
            written = null;
            writer = null;
        } else {
            reading.rewind();
        }
    }

    /** The whole body (a copy), in either mode, without moving the read position: for the mapping. */
    byte[] bodyBytes() {
        if (reading == null) {
            return written.toByteArray();
        }
        byte[] copy = new byte[reading.limit()];
        System.arraycopy(reading.array(), 0, copy, 0, copy.length);
        return copy;
    }

    /** Sets a received body, ready to be read (the array is kept, not copied). */
    void setReceivedBody(byte[] body) {
        reading = ByteBuffer.wrap(body);
        written = null;
        writer = null;
    }

    @Override
    protected void clearBodyContent() {
        written = new ByteArrayOutputStream();
        writer = new DataOutputStream(written);
        reading = null;
    }

    @Override
    protected void onReceived() {
        reset();
    }

    @Override
    protected boolean hasBody() {
        return reading == null ? written.size() > 0 : reading.limit() > 0;
    }

    @Override
    protected Object bodyValue() {
        return bodyBytes();
    }

    /** The next {@code size} bytes as a buffer to read them from; the position moves only if they are there. */
    private ByteBuffer take(int size) throws JMSException {
        checkReading();
        if (reading.remaining() < size) {
            throw new MessageEOFException("the body ends " + reading.remaining() + " bytes on, " + size + " needed");
        }
        ByteBuffer value = reading.slice(reading.position(), size);
        reading.position(reading.position() + size);
        return value;
    }

    private void write(ByteBuffer value) throws JMSException {
        checkWriting();
        written.write(value.array(), 0, value.capacity());
    }

    private void checkReading() throws MessageNotReadableException {
        if (reading == null) {
            throw new MessageNotReadableException("the BytesMessage is write-only until reset()");
        }
    }

    private void checkWriting() throws MessageNotWriteableException {
        checkBodyWritable();
        if (reading == null) {
            return;
        }
        throw new MessageNotWriteableException("the BytesMessage is read-only after reset(), until clearBody()");
    }
}
