package dev.apogee.namesrv.route;

import dev.apogee.remoting.protocol.body.DataVersion;
import io.netty.channel.Channel;

/**
 * Liveness of one registered broker process.
 *
 * @param lastUpdateMillis when it last registered or sent a heartbeat
 * @param timeoutMillis    silence after which it counts as gone
 * @param dataVersion      the topic-config version of its last registration
 * @param channel          the connection it registered on; closing it unregisters the broker
 * @param haServerAddr     its HA address, told to its slaves
 */
record LiveBroker(long lastUpdateMillis, long timeoutMillis, DataVersion dataVersion, Channel channel,
                  String haServerAddr) {

    LiveBroker touched(long nowMillis) {
        return new LiveBroker(nowMillis, timeoutMillis, dataVersion, channel, haServerAddr);
    }

    boolean expiredAt(long nowMillis) {
        return lastUpdateMillis + timeoutMillis < nowMillis;
    }
}
