package dev.apogee.remoting.transport;

import io.netty.channel.Channel;

/**
 * Where a request came from: the channel it arrived on, which is also the way to send the
 * requester requests of our own (brokers notify consumers, check transactions, ...).
 *
 * @param channel the connection the request arrived on
 */
public record RequestContext(Channel channel) {

    /** {@code ip:port} of the requester. */
    public String remoteAddress() {
        return Addresses.remote(channel);
    }
}
