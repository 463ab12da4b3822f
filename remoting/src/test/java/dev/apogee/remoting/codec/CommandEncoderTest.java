package dev.apogee.remoting.codec;

import static dev.apogee.remoting.codec.Frames.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.CommandFlags;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.NettyLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoder's output, fed to the decoder, gives back the command; and the layouts' sizes. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandEncoderTest {

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void encodedFrameDecodesToTheSameCommand(SerializeType type) {
        RemotingCommand command = command(RequestCode.SEND_MESSAGE, 77, CommandFlags.ONEWAY, "remark \u00e9",
                Map.of("a", "g", "b", "t"), "payload".getBytes(StandardCharsets.UTF_8), type);
        EmbeddedChannel encoder = new EmbeddedChannel(CommandEncoder.INSTANCE);
        EmbeddedChannel decoder = new EmbeddedChannel(new CommandFrameDecoder(FrameLayout.DEFAULT_MAX_FRAME_LENGTH));

        encoder.writeOutbound(command);
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            decoder.writeInbound(part);
        }

        assertEquals(command, decoder.readInbound());
        assertNull(decoder.readInbound());
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }

    @Test
    void bodyIsWrappedNotCopied() {
        byte[] body = new byte[1000];
        EmbeddedChannel encoder = new EmbeddedChannel(CommandEncoder.INSTANCE);

        encoder.writeOutbound(command(RequestCode.SEND_MESSAGE, 1, 0, null, Map.of(), body, SerializeType.JSON));
        ByteBuf header = encoder.readOutbound();
        ByteBuf bodyPart = encoder.readOutbound();
        try {
            assertEquals(header.readableBytes() - FrameLayout.LENGTH_FIELD_SIZE + body.length, header.getInt(0));
            assertTrue(bodyPart.hasArray());
            assertSame(body, bodyPart.array());
            assertEquals(body.length, bodyPart.readableBytes());
        } finally {
            header.release();
            bodyPart.release();
            encoder.finishAndReleaseAll();
        }
    }

    @Test
    void bodilessCommandIsOneBuffer() {
        EmbeddedChannel encoder = new EmbeddedChannel(CommandEncoder.INSTANCE);

        encoder.writeOutbound(command(RequestCode.HEART_BEAT, 1, 0, null, Map.of(), new byte[0], SerializeType.JSON));
        ByteBuf frame = encoder.readOutbound();
        try {
            assertNull(encoder.readOutbound());
            assertEquals(frame.readableBytes() - FrameLayout.LENGTH_FIELD_SIZE, frame.getInt(0));
        } finally {
            frame.release();
            encoder.finishAndReleaseAll();
        }
    }

    @Test
    void frameLayoutConstants() {
        assertEquals(4, FrameLayout.LENGTH_FIELD_SIZE);
        assertEquals(4, FrameLayout.MIN_FRAME_LENGTH);
        assertEquals(16 * 1024 * 1024, FrameLayout.DEFAULT_MAX_FRAME_LENGTH);
        assertEquals(0x0112_3456, FrameLayout.headerWord((byte) 1, 0x12_3456));
        assertEquals(0xFF00_0001, FrameLayout.headerWord((byte) 0xFF, 1));
        assertEquals(0x0000_0000, FrameLayout.headerWord((byte) 0, 0x0100_0000), "length masked to 24 bits");
    }

    @Test
    void binaryHeaderSizesMatchTheLayout() {
        assertEquals(21, BinaryHeaderLayout.FIXED_SIZE);
        assertEquals(BinaryHeaderLayout.FIXED_SIZE, binaryHeaderLength(command(1, 1, 0, null, Map.of(), null,
                SerializeType.ROCKETMQ)));
        int withRemark = BinaryHeaderLayout.FIXED_SIZE + "\u00e9x".getBytes(StandardCharsets.UTF_8).length;
        assertEquals(withRemark, binaryHeaderLength(command(1, 1, 0, "\u00e9x", Map.of(), null,
                SerializeType.ROCKETMQ)));
        int withEntry = BinaryHeaderLayout.FIXED_SIZE + BinaryHeaderLayout.KEY_LENGTH_SIZE + 3
                + BinaryHeaderLayout.VALUE_LENGTH_SIZE + 5;
        assertEquals(withEntry, binaryHeaderLength(command(1, 1, 0, null, Map.of("key", "value"), null,
                SerializeType.ROCKETMQ)));
    }

    private static int binaryHeaderLength(RemotingCommand command) {
        byte[] frame = Frames.encode(command);
        int headerWord = java.nio.ByteBuffer.wrap(frame).getInt(FrameLayout.LENGTH_FIELD_SIZE);
        assertEquals(SerializeType.ROCKETMQ.code(), headerWord >>> FrameLayout.SERIALIZE_TYPE_SHIFT);
        return headerWord & FrameLayout.HEADER_LENGTH_MASK;
    }
}
