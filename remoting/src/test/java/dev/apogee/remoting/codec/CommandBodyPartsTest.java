package dev.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.ProtocolVersion;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A body made of parts (views of mapped files) goes on the wire exactly as the joined array would. */
@ExtendWith(NettyLeakCheck.class)
class CommandBodyPartsTest {

    private static byte[] wire(RemotingCommand command) {
        EmbeddedChannel channel = new EmbeddedChannel(CommandEncoder.INSTANCE);
        channel.writeOutbound(command);
        ByteBuf frame = channel.alloc().buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            frame.writeBytes(part);
            part.release();
        }
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        frame.release();
        channel.finishAndReleaseAll();
        return bytes;
    }

    @Test
    void aBodyInPartsIsTheSameFrameAsTheJoinedArray() {
        byte[] first = "first record|".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        byte[] joined = "first record|second".getBytes(StandardCharsets.UTF_8);
        RemotingCommand asArray = new RemotingCommand(ResponseCode.SUCCESS, LanguageCode.JAVA, ProtocolVersion.CURRENT,
                7, 1, null, Map.of("nextBeginOffset", "2"), joined, SerializeType.JSON);
        // Parts are views into bigger buffers (slices of a mapped file), read-only like the store's.
        ByteBuffer file = ByteBuffer.allocateDirect(64);
        file.position(10);
        file.put(first).put(second);
        List<ByteBuffer> parts = List.of(file.slice(10, first.length).asReadOnlyBuffer(),
                file.slice(10 + first.length, second.length).asReadOnlyBuffer());
        RemotingCommand inParts = asArray.withBodyParts(parts);
        assertEquals(joined.length, inParts.bodyLength());
        assertArrayEquals(joined, inParts.body(), "body() joins the parts");
        assertArrayEquals(wire(asArray), wire(inParts));
        assertEquals(first.length, parts.get(0).remaining(), "encoding leaves the parts alone (it writes duplicates)");
        assertEquals(asArray, inParts);
        ByteBuf decoded = io.netty.buffer.Unpooled.wrappedBuffer(wire(inParts));
        decoded.skipBytes(4);
        RemotingCommand back = CommandCodec.decode(decoded);
        decoded.release();
        assertArrayEquals(joined, back.body());
        assertThrows(IllegalArgumentException.class, () -> new RemotingCommand(0, LanguageCode.JAVA, 0, 1, 0, null,
                Map.of(), joined, SerializeType.JSON, parts), "an array and parts at once");
    }
}
