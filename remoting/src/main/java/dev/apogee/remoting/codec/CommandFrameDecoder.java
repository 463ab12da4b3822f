package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Cuts the inbound byte stream into frames and decodes each into a {@link RemotingCommand}.
 *
 * <p>The length word is checked for sign and bound before anything is allocated: a negative,
 * too-small or over-limit length, or a frame whose header cannot be decoded, means the stream can
 * no longer be trusted, so the connection is closed with a log line and the remaining bytes are
 * discarded. A frame is only decoded once all its bytes have arrived, so fragmented input is fine.
 *
 * <p>Not sharable: one instance per channel (it buffers partial frames).
 */
public final class CommandFrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LogManager.getLogger(CommandFrameDecoder.class);

    private final int maxFrameLength;
    private boolean failed;

    public CommandFrameDecoder(int maxFrameLength) {
        if (maxFrameLength < FrameLayout.MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is too small");
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= FrameLayout.LENGTH_FIELD_SIZE) {
            int frameLength = in.getInt(in.readerIndex());
            if (frameLength < FrameLayout.MIN_FRAME_LENGTH || frameLength > maxFrameLength) {
                fail(ctx, in, "frame length " + frameLength + " outside [" + FrameLayout.MIN_FRAME_LENGTH
                        + ", " + maxFrameLength + "]", null);
                return;
            }
            // Subtract rather than add: 4 + a length near Integer.MAX_VALUE would overflow.
            if (in.readableBytes() - FrameLayout.LENGTH_FIELD_SIZE < frameLength) {
                return;
            }
            in.skipBytes(FrameLayout.LENGTH_FIELD_SIZE);
            ByteBuf frame = in.readSlice(frameLength);
            try {
                out.add(CommandCodec.decode(frame));
            } catch (MalformedFrameException e) {
                fail(ctx, in, e.getMessage(), e);
                return;
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason, Throwable cause) {
        failed = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("Closing connection {}: malformed frame: {}", ctx.channel().remoteAddress(), reason);
        if (cause != null) {
            LOG.debug("Malformed frame detail", cause);
        }
        ctx.close();
    }
}
