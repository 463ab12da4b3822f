package dev.apogee.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The value conversion table of Jakarta Messaging, shared by message properties, {@code MapMessage}
 * items and {@code StreamMessage} fields (the specification gives the three the same table): a value
 * written as one type may be read as that type, a wider type of the same kind, or a String; a String
 * may be read as any type but {@code char} and {@code byte[]}, through the type's {@code valueOf}.
 *
 * <p>A missing (null) value is read as {@code valueOf(null)} would: {@code false} for a boolean, a
 * {@link NumberFormatException} for the integral types, a {@link NullPointerException} for
 * {@code float}, {@code double} and {@code char} (what {@code Float.valueOf(null)} throws), and null
 * for a String or {@code byte[]}. Any other pairing is a {@link MessageFormatException}.
 */
final class Conversions {

    private Conversions() {
    }

    static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        throw cannot(value, "boolean");
    }

    static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.parseByte((String) value);
        }
        throw cannot(value, "byte");
    }

    static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.parseShort((String) value);
        }
        throw cannot(value, "short");
    }

    static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.parseInt((String) value);
        }
        throw cannot(value, "int");
    }

    static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.parseLong((String) value);
        }
        throw cannot(value, "long");
    }

    static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.parseFloat((String) value); // null: NullPointerException, as Float.valueOf(null)
        }
        throw cannot(value, "float");
    }

    static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.parseDouble((String) value);
        }
        throw cannot(value, "double");
    }

    static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("a null value cannot be read as a char");
        }
        throw cannot(value, "char");
    }

    static String toText(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            throw cannot(value, "String");
        }
        return value.toString();
    }

    static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannot(value, "byte[]");
    }

    /** A copy safe to hand out: byte arrays are copied, everything else is immutable. */
    static Object copyOut(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /** Whether {@code value} may be a MapMessage item or StreamMessage field. */
    static boolean isBodyValue(Object value) {
        return value == null || isPropertyValue(value) || value instanceof Character || value instanceof byte[];
    }

    /** Whether {@code value} may be a property value: a boxed primitive other than Character, or a String. */
    static boolean isPropertyValue(Object value) {
        return value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    private static MessageFormatException cannot(Object value, String type) {
        return new MessageFormatException("a " + value.getClass().getSimpleName() + " value cannot be read as "
                + type);
    }
}
