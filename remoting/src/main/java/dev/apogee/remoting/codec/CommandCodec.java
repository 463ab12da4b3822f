package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Turns one frame into a {@link RemotingCommand} and a command into frame bytes, independent of
 * any channel, so it can be tested on plain buffers.
 */
public final class CommandCodec {

    private static final int SCRATCH_SIZE = 16 << 10;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_SIZE]);

    private CommandCodec() {
    }

    /**
     * Decodes a frame whose length word has already been read: {@code frame} holds exactly the
     * bytes the length word counted (header-length word, header, body).
     *
     * @throws MalformedFrameException if the header-length word, the serialize type or the header
     *                                 itself is invalid
     */
    public static RemotingCommand decode(ByteBuf frame) {
        int frameLength = frame.readableBytes();
        if (frameLength < FrameLayout.MIN_FRAME_LENGTH) {
            throw new MalformedFrameException("frame of " + frameLength + " bytes has no header-length word");
        }
        int headerWord = frame.readInt();
        int headerLength = headerWord & FrameLayout.HEADER_LENGTH_MASK;
        SerializeType type = SerializeType.ofCode(headerWord >>> FrameLayout.SERIALIZE_TYPE_SHIFT);
        if (type == null) {
            throw new MalformedFrameException("unknown serialize type " + (headerWord >>> FrameLayout.SERIALIZE_TYPE_SHIFT));
        }
        if (headerLength > frame.readableBytes()) {
            throw new MalformedFrameException("header length " + headerLength + " exceeds the "
                    + frame.readableBytes() + " bytes left in the frame");
        }
        int headerStart = frame.readerIndex();
        int bodyLength = frame.readableBytes() - headerLength;
        byte[] body = null;
        if (bodyLength > 0) {
            body = new byte[bodyLength];
            frame.getBytes(headerStart + headerLength, body);
        }
        ByteBuf header = frame.slice(headerStart, headerLength);
        RemotingCommand command;
        if (type == SerializeType.JSON) {
            if (header.hasArray()) {
                command = JsonHeaderCodec.decode(header.array(), header.arrayOffset() + header.readerIndex(),
                        headerLength, body);
            } else {
                command = JsonHeaderCodec.decode(scratchCopy(header, headerLength), 0, headerLength, body);
            }
        } else {
            // Parsed from an array: Netty's string decoding of a slice of a direct buffer checked bounds
            // and reference counts over and over, and was the broker's largest cost per small message.
            ByteBuf binary = header.hasArray() ? header
                    : Unpooled.wrappedBuffer(scratchCopy(header, headerLength), 0, headerLength);
            command = BinaryHeaderCodec.decode(binary, body);
            if (binary.isReadable()) {
                throw new MalformedFrameException(binary.readableBytes() + " stray bytes after the binary header");
            }
        }
        frame.skipBytes(frame.readableBytes());
        return command;
    }

    /**
     * The header's bytes in this thread's scratch array (the parser reads an array; a direct buffer
     * has none). The parser copies out what it keeps, so the array is free again once decode returns;
     * only an unusually large header gets an array of its own.
     */
    private static byte[] scratchCopy(ByteBuf header, int length) {
        byte[] scratch = length <= SCRATCH_SIZE ? SCRATCH.get() : new byte[length];
        header.getBytes(header.readerIndex(), scratch, 0, length);
        return scratch;
    }

    /**
     * Writes the length word, header-length word and header of {@code command} into a new buffer,
     * leaving the body to the caller, which can append it without copying.
     */
    public static ByteBuf encodeHeader(RemotingCommand command, ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer(estimatedHeaderSize(command));
        try {
            out.writeInt(0);
            out.writeInt(0);
            int headerStart = out.writerIndex();
            // The binary header holds the code in two bytes: a larger one (the 5.x pop codes) goes as JSON,
            // which every peer reads, rather than truncated.
            SerializeType type = command.serializeType() == SerializeType.ROCKETMQ
                    && command.code() >= Short.MIN_VALUE && command.code() <= Short.MAX_VALUE
                    ? SerializeType.ROCKETMQ : SerializeType.JSON;
            if (type == SerializeType.ROCKETMQ) {
                BinaryHeaderCodec.encode(command, out);
            } else {
                JsonHeaderCodec.encode(command, out);
            }
            int headerLength = out.writerIndex() - headerStart;
            if (headerLength > FrameLayout.HEADER_LENGTH_MASK) {
                throw new IllegalArgumentException("header of " + headerLength + " bytes does not fit the 24-bit length");
            }
            int frameLength = FrameLayout.HEADER_LENGTH_FIELD_SIZE + headerLength + command.bodyLength();
            out.setInt(0, frameLength);
            out.setInt(FrameLayout.LENGTH_FIELD_SIZE, FrameLayout.headerWord(type.code(), headerLength));
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Room for the length words and an ASCII header, so that encoding rarely grows the buffer (a
     * message's properties alone often pass the 256 bytes a fixed guess would give).
     */
    private static int estimatedHeaderSize(RemotingCommand command) {
        int[] size = {64 + (command.remark() == null ? 0 : command.remark().length())};
        // forEach: a header's entry set makes an entry object per field.
        command.extFields().forEach((key, value) ->
                size[0] += 16 + key.length() + (value == null ? 0 : value.length()));
        return size[0];
    }

    /** The whole frame of {@code command}, length word included, in one buffer. */
    public static ByteBuf encode(RemotingCommand command, ByteBufAllocator allocator) {
        ByteBuf out = encodeHeader(command, allocator);
        byte[] body = command.body();
        if (body != null) {
            out.writeBytes(body);
        }
        return out;
    }
}
