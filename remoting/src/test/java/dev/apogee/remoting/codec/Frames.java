package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds frame bytes, well-formed or not, for the codec tests. */
final class Frames {

    private Frames() {
    }

    static RemotingCommand command(int code, int opaque, int flag, String remark, Map<String, String> extFields,
                                   byte[] body, SerializeType type) {
        return new RemotingCommand(code, LanguageCode.JAVA, 479, opaque, flag, remark, extFields, body, type);
    }

    /** Whole frame bytes of {@code command}, length word included. */
    static byte[] encode(RemotingCommand command) {
        ByteBuf frame = CommandCodec.encode(command, PooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            return bytes;
        } finally {
            frame.release();
        }
    }

    /** A frame around a raw header of the given serialize type, with an optional body. */
    static byte[] rawFrame(int serializeType, byte[] header, byte[] body) {
        int frameLength = FrameLayout.HEADER_LENGTH_FIELD_SIZE + header.length + body.length;
        return ByteBuffer.allocate(FrameLayout.LENGTH_FIELD_SIZE + frameLength)
                .putInt(frameLength)
                .putInt(FrameLayout.headerWord((byte) serializeType, header.length))
                .put(header)
                .put(body)
                .array();
    }

    static byte[] jsonFrame(String json) {
        return rawFrame(0, json.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /** A pooled, leak-tracked direct buffer holding {@code bytes}, as a socket read would deliver. */
    static ByteBuf buffer(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
