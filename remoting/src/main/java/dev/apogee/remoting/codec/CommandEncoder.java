package dev.apogee.remoting.codec;

import dev.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes a {@link RemotingCommand} as one frame: a small pooled buffer for the length words and
 * header, followed by the body wrapped, not copied.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable}: one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class CommandEncoder extends MessageToMessageEncoder<RemotingCommand> {

    public static final CommandEncoder INSTANCE = new CommandEncoder();

    private CommandEncoder() {
        super(RemotingCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand command, List<Object> out) {
        ByteBuf header = CommandCodec.encodeHeader(command, ctx.alloc());
        out.add(header);
        if (command.bodyParts() != null) {
            if (command.bodyLength() > 0) {
                ByteBuffer[] parts = new ByteBuffer[command.bodyParts().size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = command.bodyParts().get(i).duplicate();
                }
                out.add(Unpooled.wrappedBuffer(parts));
            }
        } else if (command.bodyLength() > 0) {
            out.add(Unpooled.wrappedBuffer(command.body()));
        }
    }
}
