package dev.apogee.jms.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of one message, with their JMS types: a value is stored as it was set (Boolean,
 * Byte, Short, Integer, Long, Float, Double, String or null) and converted when read, by
 * {@link Conversions}. Read-only once received until {@link #clear()}. Not thread-safe, like a message.
 */
final class JmsProperties {

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    /** Sets a property an application gives, checking the name, the type and the mode. */
    void set(String name, Object value) throws MessageFormatException, MessageNotWriteableException {
        if (readOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only"
                    + " until clearProperties()");
        }
        PropertyNames.checkSettable(name);
        if (value != null && !Conversions.isPropertyValue(value)) {
            throw new MessageFormatException("a property value must be a boxed primitive or a String, not a "
                    + value.getClass().getName());
        }
        if (name.equals(PropertyNames.JMSX_GROUP_SEQ) && !(value instanceof Integer)) {
            throw new MessageFormatException("JMSXGroupSeq is an int");
        }
        if ((name.equals(PropertyNames.JMSX_GROUP_ID) || name.equals(ProviderProperties.KEYS))
                && value != null && !(value instanceof String)) {
            throw new MessageFormatException(name + " is a String");
        }
        values.put(name, value);
    }

    /** Sets a property without the application's checks: what the provider itself puts on a message. */
    void putInternal(String name, Object value) {
        values.put(name, value);
    }

    /** The raw value, or null (use {@link #exists} to tell a missing property from a null one). */
    Object get(String name) {
        return values.get(name);
    }

    boolean exists(String name) {
        return name != null && values.containsKey(name);
    }

    boolean getBoolean(String name) throws MessageFormatException {
        return Conversions.toBoolean(values.get(name));
    }

    byte getByte(String name) throws MessageFormatException {
        return Conversions.toByte(values.get(name));
    }

    short getShort(String name) throws MessageFormatException {
        return Conversions.toShort(values.get(name));
    }

    int getInt(String name) throws MessageFormatException {
        return Conversions.toInt(values.get(name));
    }

    long getLong(String name) throws MessageFormatException {
        return Conversions.toLong(values.get(name));
    }

    float getFloat(String name) throws MessageFormatException {
        return Conversions.toFloat(values.get(name));
    }

    double getDouble(String name) throws MessageFormatException {
        return Conversions.toDouble(values.get(name));
    }

    String getString(String name) throws MessageFormatException {
        return Conversions.toText(values.get(name));
    }

    Enumeration<String> names() {
        return Collections.enumeration(values.keySet().stream().toList());
    }

    /** A copy of every property, in the order set. */
    Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    /** Removes every property and makes them writable again, as {@code clearProperties()} does. */
    void clear() {
        values.clear();
        readOnly = false;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    boolean isReadOnly() {
        return readOnly;
    }
}
