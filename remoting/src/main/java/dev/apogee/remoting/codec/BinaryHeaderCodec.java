package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.HeaderFields;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Encodes and decodes the binary header of {@link BinaryHeaderLayout}. */
final class BinaryHeaderCodec {

    private BinaryHeaderCodec() {
    }

    /**
     * Writes the header of {@code command} to {@code out}. The fields are assembled in this thread's
     * scratch array and copied to {@code out} at once: written one by one, the thirty-odd small copies
     * into a direct buffer each paid Netty's and the JDK's checks, a fifth of a client I/O thread's time.
     */
    static void encode(RemotingCommand command, ByteBuf out) {
        Scratch scratch = SCRATCH.get();
        scratch.length = 0;
        scratch.putShort(command.code());
        scratch.putByte(command.language().code());
        scratch.putShort(command.version());
        scratch.putInt(command.opaque());
        scratch.putInt(command.flag());
        String remark = command.remark();
        if (remark == null || remark.isEmpty()) {
            scratch.putInt(0);
        } else {
            scratch.putString(remark, false);
        }
        int mapLengthIndex = scratch.length;
        scratch.putInt(0);
        command.extFields().forEach(scratch::putField);
        scratch.setInt(mapLengthIndex, scratch.length - mapLengthIndex - BinaryHeaderLayout.EXT_FIELDS_LENGTH_SIZE);
        out.writeBytes(scratch.bytes, 0, scratch.length);
        scratch.shrinkIfLarge();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's growable array for one header at a time, big-endian as the layout is. */
    private static final class Scratch {
        private static final int INITIAL = 1024;
        private static final int KEPT = 64 * 1024;

        byte[] bytes = new byte[INITIAL];
        int length;

        void putField(String key, String value) {
            if (key != null && value != null) {
                putString(key, true);
                putString(value, false);
            }
        }

        void putString(String value, boolean shortLength) {
            // String.getBytes encodes an ASCII string with one vectorized copy; Netty's writeCharSequence
            // went char by char.
            byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
            if (shortLength && encoded.length > 0xFFFF) {
                // A longer key would wrap its 16-bit length and corrupt every field after it.
                throw new IllegalArgumentException("extFields key of " + encoded.length
                        + " bytes does not fit the binary header");
            }
            if (shortLength) {
                putShort(encoded.length);
            } else {
                putInt(encoded.length);
            }
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
        }

        void putByte(int value) {
            ensure(1);
            bytes[length++] = (byte) value;
        }

        void putShort(int value) {
            ensure(2);
            bytes[length++] = (byte) (value >>> 8);
            bytes[length++] = (byte) value;
        }

        void putInt(int value) {
            ensure(4);
            setInt(length, value);
            length += 4;
        }

        void setInt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** An unusually large header's array is not kept for the life of the thread. */
        void shrinkIfLarge() {
            if (bytes.length > KEPT) {
                bytes = new byte[INITIAL];
            }
        }
    }

    /**
     * Reads a header that occupies exactly {@code header}'s readable bytes. The buffer must have an
     * array ({@link CommandCodec} copies a direct one into its scratch array first).
     *
     * @throws MalformedFrameException if a length points outside the header
     */
    static RemotingCommand decode(ByteBuf header, byte[] body) {
        if (header.readableBytes() < BinaryHeaderLayout.FIXED_SIZE) {
            throw new MalformedFrameException("binary header of " + header.readableBytes()
                    + " bytes is shorter than its fixed part of " + BinaryHeaderLayout.FIXED_SIZE);
        }
        int code = header.readShort();
        LanguageCode language = LanguageCode.ofCode(header.readByte());
        int version = header.readShort();
        int opaque = header.readInt();
        int flag = header.readInt();
        String remark = readString(header, header.readInt(), "remark");
        int mapLength = header.readInt();
        if (mapLength < 0 || mapLength > header.readableBytes()) {
            throw new MalformedFrameException("extFields length " + mapLength + " exceeds the "
                    + header.readableBytes() + " header bytes left");
        }
        HeaderFields.Builder extFields = HeaderFields.builder();
        int end = header.readerIndex() + mapLength;
        while (header.readerIndex() < end) {
            if (end - header.readerIndex() < BinaryHeaderLayout.KEY_LENGTH_SIZE) {
                throw new MalformedFrameException("truncated extFields key length");
            }
            String key = readKey(header, header.readUnsignedShort());
            if (end - header.readerIndex() < BinaryHeaderLayout.VALUE_LENGTH_SIZE) {
                throw new MalformedFrameException("truncated extFields value length");
            }
            String value = readString(header, header.readInt(), "extFields value");
            // Length 0 means "no remark" but an empty key or value: both are legal map entries.
            extFields.put(key == null ? "" : key, value == null ? "" : value);
        }
        if (header.readerIndex() != end) {
            throw new MalformedFrameException("an extFields entry runs " + (header.readerIndex() - end)
                    + " bytes past the extFields length " + mapLength);
        }
        return new RemotingCommand(code, language, version, opaque, flag, remark, extFields.build(), body,
                SerializeType.ROCKETMQ);
    }

    /** A key as {@link #readString} reads it, the same String for the same bytes ({@link WireKeys}). */
    private static String readKey(ByteBuf header, int length) {
        if (length == 0 || length > header.readableBytes()) {
            return readString(header, length, "extFields key");
        }
        String key = WireKeys.key(header.array(), header.arrayOffset() + header.readerIndex(), length);
        header.skipBytes(length);
        return key;
    }

    private static String readString(ByteBuf header, int length, String what) {
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > header.readableBytes()) {
            throw new MalformedFrameException(what + " length " + length + " exceeds the "
                    + header.readableBytes() + " header bytes left");
        }
        String value = new String(header.array(), header.arrayOffset() + header.readerIndex(), length,
                StandardCharsets.UTF_8);
        header.skipBytes(length);
        return value;
    }
}
