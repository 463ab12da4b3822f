package dev.apogee.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link MapMessage}: named, typed values, read with the conversions of {@link Conversions}. Stored
 * in the binary form of {@link TypedCodec}. An empty map counts as no body ({@code getBody} returns null).
 */
public class ApogeeMapMessage extends ApogeeMessage implements MapMessage {

    private final Map<String, Object> items = new LinkedHashMap<>();

    @Override
    public BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return Conversions.toBoolean(items.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return Conversions.toByte(items.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return Conversions.toShort(items.get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return Conversions.toChar(items.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return Conversions.toInt(items.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return Conversions.toLong(items.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return Conversions.toFloat(items.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return Conversions.toDouble(items.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return Conversions.toText(items.get(name));
    }

    /** A copy of the bytes, null if missing. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        return Conversions.toBytes(items.get(name));
    }

    /** The value as set (a byte array is copied), null if missing. */
    @Override
    public Object getObject(String name) {
        return Conversions.copyOut(items.get(name));
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(items.keySet().stream().toList());
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of {@code value}. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    /** Stores a copy of {@code length} bytes of {@code value} from {@code offset}. */
    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        checkName(name);
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        items.put(name, slice);
    }

    /** @throws MessageFormatException unless {@code value} is a boxed primitive, a String, a byte[] or null */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!Conversions.isBodyValue(value)) {
            checkBodyWritable();
            throw new MessageFormatException("a map value must be a boxed primitive, a String or a byte[], not a "
                    + value.getClass().getName());
        }
        put(name, Conversions.copyOut(value));
    }

    @Override
    public boolean itemExists(String name) {
        return items.containsKey(name);
    }

    private void put(String name, Object value) throws JMSException {
        checkBodyWritable();
        checkName(name);
        items.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a map item name must not be null or empty");
        }
    }

    /** The items, not copied: for the mapping. */
    Map<String, Object> items() {
        return items;
    }

    @Override
    protected void clearBodyContent() {
        items.clear();
    }

    @Override
    protected boolean hasBody() {
        return !items.isEmpty();
    }

    /** A new map of the items (byte arrays copied): what {@code getBody(Map.class)} returns. */
    @Override
    protected Object bodyValue() {
        Map<String, Object> copy = new HashMap<>();
        items.forEach((name, value) -> copy.put(name, Conversions.copyOut(value)));
        return copy;
    }
}
