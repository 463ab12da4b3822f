package dev.apogee.remoting.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * First handler of a server pipeline with TLS on: looks at a connection's first bytes and either
 * puts an {@link SslHandler} in its own place (a TLS record) or leaves the stream plain (permissive
 * mode) or closes it (enforcing mode). Then removes itself.
 */
public final class TlsDetector extends ByteToMessageDecoder {

    private static final Logger LOG = LogManager.getLogger(TlsDetector.class);
    /** A TLS record header is 5 bytes; fewer cannot be classified. */
    private static final int RECORD_HEADER_SIZE = 5;

    private final SslContext context;
    private final TlsMode mode;

    public TlsDetector(SslContext context, TlsMode mode) {
        this.context = context;
        this.mode = mode;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER_SIZE) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().replace(this, "tls", context.newHandler(ctx.alloc()));
        } else if (mode == TlsMode.PERMISSIVE) {
            ctx.pipeline().remove(this);
        } else {
            LOG.warn("Closing plain-text connection {}: this server requires TLS", ctx.channel().remoteAddress());
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
    }
}
