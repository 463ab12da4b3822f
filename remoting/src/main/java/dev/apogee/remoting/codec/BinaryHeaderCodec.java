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

    /** Writes the header of {@code command} to {@code out}. */
    static void encode(RemotingCommand command, ByteBuf out) {
        out.writeShort(command.code());
        out.writeByte(command.language().code());
        out.writeShort(command.version());
        out.writeInt(command.opaque());
        out.writeInt(command.flag());
        String remark = command.remark();
        if (remark == null || remark.isEmpty()) {
            out.writeInt(0);
        } else {
            writeString(out, remark, false);
        }
        int mapLengthIndex = out.writerIndex();
        out.writeInt(0);
        command.extFields().forEach((key, value) -> {
            if (key != null && value != null) {
                writeString(out, key, true);
                writeString(out, value, false);
            }
        });
        out.setInt(mapLengthIndex, out.writerIndex() - mapLengthIndex - BinaryHeaderLayout.EXT_FIELDS_LENGTH_SIZE);
    }

    private static void writeString(ByteBuf out, String value, boolean shortLength) {
        // String.getBytes encodes an ASCII string with one vectorized copy; Netty's writeCharSequence
        // goes char by char, and was a fifth of a client's CPU when sending small messages.
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (shortLength && bytes.length > 0xFFFF) {
            // A longer key would wrap its 16-bit length and corrupt every field after it.
            throw new IllegalArgumentException("extFields key of " + bytes.length + " bytes does not fit the binary header");
        }
        if (shortLength) {
            out.writeShort(bytes.length);
        } else {
            out.writeInt(bytes.length);
        }
        out.writeBytes(bytes);
    }

    /**
     * Reads a header that occupies exactly {@code header}'s readable bytes.
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
            String key = readString(header, header.readUnsignedShort(), "extFields key");
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

    private static String readString(ByteBuf header, int length, String what) {
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > header.readableBytes()) {
            throw new MalformedFrameException(what + " length " + length + " exceeds the "
                    + header.readableBytes() + " header bytes left");
        }
        if (!header.hasArray()) {
            return header.readCharSequence(length, StandardCharsets.UTF_8).toString();
        }
        String value = new String(header.array(), header.arrayOffset() + header.readerIndex(), length,
                StandardCharsets.UTF_8);
        header.skipBytes(length);
        return value;
    }
}
