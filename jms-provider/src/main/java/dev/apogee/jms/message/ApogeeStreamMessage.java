package dev.apogee.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StreamMessage}: a sequence of typed fields, written in order and read in order with the
 * conversions of {@link Conversions}. Write-only when new or cleared, read-only after {@link #reset()}
 * or on receipt. Stored in the binary form of {@link TypedCodec}.
 *
 * <p>A read that fails, with a {@link MessageFormatException} or a {@link NumberFormatException},
 * does not move to the next field, so the field can be read again as another type. A byte-array field
 * may be read in chunks by {@link #readBytes}; once begun it must be finished before another field.
 */
public class ApogeeStreamMessage extends ApogeeMessage implements StreamMessage {

    private List<Object> fields = new ArrayList<>();
    private boolean writing = true;
    /** The next field to read. */
    private int next;
    /** How far the byte-array field {@code next} has been read by readBytes, -1 when not begun. */
    private int bytesRead = -1;

    @Override
    public BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = Conversions.toBoolean(peek());
        next++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = Conversions.toByte(peek());
        next++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = Conversions.toShort(peek());
        next++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = Conversions.toChar(peek());
        next++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = Conversions.toInt(peek());
        next++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = Conversions.toLong(peek());
        next++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = Conversions.toFloat(peek());
        next++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = Conversions.toDouble(peek());
        next++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = Conversions.toText(peek());
        next++;
        return value;
    }

    /**
     * Reads the byte-array field into {@code value}, in chunks: each call returns how many bytes it
     * copied; a count below {@code value.length} ends the field, and a call after a full chunk that
     * finds nothing left returns -1 and ends it. A null field returns -1, an empty one 0.
     *
     * @throws MessageFormatException if the field is not a byte array
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkReading();
        if (bytesRead < 0) {
            Object field = field();
            if (field == null) {
                next++;
                return -1;
            }
            if (!(field instanceof byte[] bytes)) {
                throw new MessageFormatException("the field is a " + field.getClass().getSimpleName()
                        + ", not a byte[]");
            }
            if (bytes.length == 0) {
                next++;
                return 0;
            }
            bytesRead = 0;
        }
        byte[] bytes = (byte[]) fields.get(next);
        int left = bytes.length - bytesRead;
        if (left == 0) {
            endBytes();
            return -1;
        }
        int count = Math.min(value.length, left);
        System.arraycopy(bytes, bytesRead, value, 0, count);
        bytesRead += count;
        if (count < value.length) {
            endBytes();
        }
        return count;
    }

    /** The field as written (boxed; a byte array copied), null for a null field. */
    @Override
    public Object readObject() throws JMSException {
        Object value = Conversions.copyOut(peek());
        next++;
        return value;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of {@code value} as one field. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    /** Writes a copy of {@code length} bytes of {@code value} from {@code offset} as one field. */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkWriting();
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        fields.add(slice);
    }

    /** @throws MessageFormatException unless {@code value} is a boxed primitive, a String, a byte[] or null */
    @Override
    public void writeObject(Object value) throws JMSException {
        checkWriting();
        if (!Conversions.isBodyValue(value)) {
            throw new MessageFormatException("a StreamMessage cannot hold a " + value.getClass().getName());
        }
        fields.add(Conversions.copyOut(value));
    }

    /** Makes the body read-only and readable from its first field. */
    @Override
    public void reset() {
        writing = false;
        next = 0;
        bytesRead = -1;
    }

    /** The fields, not copied: for the mapping. */
    List<Object> fields() {
        return fields;
    }

    /** Sets received fields, ready to be read. */
    void setReceivedFields(List<Object> received) {
        this.fields = new ArrayList<>(received);
        reset();
    }

    @Override
    protected void clearBodyContent() {
        fields = new ArrayList<>();
        writing = true;
        next = 0;
        bytesRead = -1;
    }

    @Override
    protected void onReceived() {
        reset();
    }

    /** @throws MessageFormatException always: a stream body is not one object */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned as one object");
    }

    /** False: a StreamMessage's body is never assignable, as the specification says. */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    private void add(Object value) throws JMSException {
        checkWriting();
        fields.add(value);
    }

    /** The next field, for a read other than readBytes, without moving past it. */
    private Object peek() throws JMSException {
        checkReading();
        if (bytesRead >= 0) {
            throw new MessageFormatException("the byte-array field being read by readBytes is not finished");
        }
        return field();
    }

    private Object field() throws MessageEOFException {
        if (next >= fields.size()) {
            throw new MessageEOFException("no more fields (" + fields.size() + " in all)");
        }
        return fields.get(next);
    }

    private void endBytes() {
        bytesRead = -1;
        next++;
    }

    private void checkReading() throws MessageNotReadableException {
        if (writing) {
            throw new MessageNotReadableException("the StreamMessage is write-only until reset()");
        }
    }

    private void checkWriting() throws MessageNotWriteableException {
        checkBodyWritable();
        if (!writing) {
            throw new MessageNotWriteableException("the StreamMessage is read-only after reset(), until clearBody()");
        }
    }
}
