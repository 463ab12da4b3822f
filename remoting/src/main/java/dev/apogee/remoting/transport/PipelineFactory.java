package dev.apogee.remoting.transport;

import dev.apogee.remoting.codec.CommandEncoder;
import dev.apogee.remoting.codec.CommandFrameDecoder;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The handlers every remoting connection has, server and client alike, after any TLS handler. */
final class PipelineFactory {

    private PipelineFactory() {
    }

    static void addRemotingHandlers(ChannelPipeline pipeline, int maxFrameLength, Duration idleTimeout,
                                    CommandDispatcher dispatcher, ConnectionWatcher watcher) {
        if (!idleTimeout.isZero()) {
            pipeline.addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        pipeline.addLast("frameDecoder", new CommandFrameDecoder(maxFrameLength));
        pipeline.addLast("encoder", CommandEncoder.INSTANCE);
        pipeline.addLast("dispatcher", dispatcher);
        pipeline.addLast("watcher", watcher);
    }
}
