package dev.apogee.jms.message;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary body of MapMessages and StreamMessages: typed, compact, and readable by any language
 * (no Java serialization). Layout (big-endian; {@code varint} = unsigned LEB128):
 *
 * <pre>
 * body   = version:u8 (1)  count:varint  entry*count
 * map entry    = name:string  value
 * stream entry = value
 * value  = tag:u8 payload
 *   0 null | 1 false | 2 true | 3 byte:i8 | 4 short:i16 | 5 char:u16 | 6 int:i32 | 7 long:i64
 *   8 float:f32 (IEEE bits) | 9 double:f64 | 10 string | 11 bytes:(length:varint, raw)
 * string = length:varint  UTF-8 bytes
 * </pre>
 */
final class TypedCodec {

    static final int VERSION = 1;

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int BYTE = 3;
    private static final int SHORT = 4;
    private static final int CHAR = 5;
    private static final int INT = 6;
    private static final int LONG = 7;
    private static final int FLOAT = 8;
    private static final int DOUBLE = 9;
    private static final int STRING = 10;
    private static final int BYTES = 11;

    private TypedCodec() {
    }

    static byte[] encodeMap(Map<String, Object> map) {
        Output out = new Output();
        out.write(VERSION);
        out.varint(map.size());
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            out.string(entry.getKey());
            out.value(entry.getValue());
        }
        return out.toByteArray();
    }

    static byte[] encodeStream(List<Object> values) {
        Output out = new Output();
        out.write(VERSION);
        out.varint(values.size());
        for (Object value : values) {
            out.value(value);
        }
        return out.toByteArray();
    }

    static Map<String, Object> decodeMap(byte[] body) throws MessageFormatException {
        try {
            ByteBuffer in = start(body);
            int count = varint(in);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                map.put(string(in), value(in));
            }
            return map;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("map", e);
        }
    }

    static List<Object> decodeStream(byte[] body) throws MessageFormatException {
        try {
            ByteBuffer in = start(body);
            int count = varint(in);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(value(in));
            }
            return values;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("stream", e);
        }
    }

    private static ByteBuffer start(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown encoding version " + version);
        }
        return in;
    }

    private static Object value(ByteBuffer in) {
        int tag = in.get() & 0xFF;
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case BYTE -> in.get();
            case SHORT -> in.getShort();
            case CHAR -> in.getChar();
            case INT -> in.getInt();
            case LONG -> in.getLong();
            case FLOAT -> in.getFloat();
            case DOUBLE -> in.getDouble();
            case STRING -> string(in);
            case BYTES -> {
                byte[] bytes = new byte[length(in)];
                in.get(bytes);
                yield bytes;
            }
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[length(in)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A length, checked against what is left so that a corrupt length cannot allocate gigabytes. */
    private static int length(ByteBuffer in) {
        int length = varint(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return length;
    }

    private static int varint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("negative length");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 5 bytes");
    }

    private static MessageFormatException corrupt(String what, RuntimeException cause) {
        MessageFormatException failure = new MessageFormatException("the " + what + " body is corrupt: " + cause);
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }

    /** A growable buffer with the encoder's primitives. */
    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(64);
        }

        void varint(int value) {
            while ((value & ~0x7F) != 0) {
                write((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write(value);
        }

        void string(String text) {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] bytes) {
            varint(bytes.length);
            write(bytes, 0, bytes.length);
        }

        void fixed(long value, int size) {
            for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
        }

        void value(Object value) {
            if (value == null) {
                write(NULL);
            } else if (value instanceof Boolean b) {
                write(b ? TRUE : FALSE);
            } else if (value instanceof Byte b) {
                write(BYTE);
                write(b);
            } else if (value instanceof Short s) {
                write(SHORT);
                fixed(s, 2);
            } else if (value instanceof Character c) {
                write(CHAR);
                fixed(c, 2);
            } else if (value instanceof Integer i) {
                write(INT);
                fixed(i, 4);
            } else if (value instanceof Long l) {
                write(LONG);
                fixed(l, 8);
            } else if (value instanceof Float f) {
                write(FLOAT);
                fixed(Float.floatToRawIntBits(f), 4);
            } else if (value instanceof Double d) {
                write(DOUBLE);
                fixed(Double.doubleToRawLongBits(d), 8);
            } else if (value instanceof String s) {
                write(STRING);
                string(s);
            } else if (value instanceof byte[] bytes) {
                write(BYTES);
                bytes(bytes);
            } else {
                throw new IllegalArgumentException("not a JMS body value: " + value.getClass().getName());
            }
        }
    }
}
