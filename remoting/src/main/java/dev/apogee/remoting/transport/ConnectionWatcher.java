package dev.apogee.remoting.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tells {@link ChannelListener}s about connections, closes idle and failed connections, and fails
 * the requests still waiting on a connection that closed.
 *
 * <p>Thread-safety: {@link ChannelHandler.Sharable}; listeners are kept copy-on-write.
 */
@ChannelHandler.Sharable
public final class ConnectionWatcher extends ChannelDuplexHandler {

    private static final Logger LOG = LogManager.getLogger(ConnectionWatcher.class);

    private final String endpoint;
    private final InFlightRequests inFlight;
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Channel> onClose;

    /**
     * @param endpoint what to call this endpoint in logs ("server :9876", "client")
     * @param onClose  extra cleanup run when a channel closes (the client forgets it), may be null
     */
    public ConnectionWatcher(String endpoint, InFlightRequests inFlight, Consumer<Channel> onClose) {
        this.endpoint = endpoint;
        this.inFlight = inFlight;
        this.onClose = onClose;
    }

    public void addListener(ChannelListener listener) {
        listeners.add(listener);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String remote = Addresses.remote(ctx.channel());
        LOG.debug("{}: connection {} active", endpoint, remote);
        notify(listener -> listener.onConnect(remote, ctx.channel()));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        String remote = Addresses.remote(channel);
        LOG.debug("{}: connection {} closed", endpoint, remote);
        inFlight.failAll(channel);
        if (onClose != null) {
            onClose.accept(channel);
        }
        notify(listener -> listener.onClose(remote, channel));
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            String remote = Addresses.remote(ctx.channel());
            LOG.info("{}: closing idle connection {}", endpoint, remote);
            notify(listener -> listener.onIdle(remote, ctx.channel()));
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String remote = Addresses.remote(ctx.channel());
        LOG.warn("{}: closing connection {} after error: {}", endpoint, remote, cause.toString());
        LOG.debug("Connection error detail", cause);
        notify(listener -> listener.onException(remote, ctx.channel(), cause));
        ctx.close();
    }

    private void notify(Consumer<ChannelListener> event) {
        for (ChannelListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("{}: channel listener {} failed", endpoint, listener, e);
            }
        }
    }
}
