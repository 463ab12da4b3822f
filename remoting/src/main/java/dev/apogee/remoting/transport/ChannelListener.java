package dev.apogee.remoting.transport;

import io.netty.channel.Channel;

/**
 * Observes connections coming and going. Called on the channel's event loop: implementations must
 * be quick and must not block (hand longer work to an executor).
 */
public interface ChannelListener {

    /** A connection became active. */
    default void onConnect(String remoteAddress, Channel channel) {
    }

    /** A connection closed, for whatever reason (peer close, idle, error, shutdown). */
    default void onClose(String remoteAddress, Channel channel) {
    }

    /** A connection saw no traffic for the idle limit; it is closed right after this call. */
    default void onIdle(String remoteAddress, Channel channel) {
    }

    /** A connection failed with an exception; it is closed right after this call. */
    default void onException(String remoteAddress, Channel channel, Throwable cause) {
    }
}
