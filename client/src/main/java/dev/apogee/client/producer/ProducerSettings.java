package dev.apogee.client.producer;

import dev.apogee.client.GroupNames;
import dev.apogee.client.message.CompressionType;
import dev.apogee.remoting.protocol.ResponseCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link Producer}, fixed once it is built ({@link Producer.Builder} makes them).
 *
 * @param group                 the producer group (brokers ask a group's members about transactions)
 * @param sendTimeout           the whole of one send, retries included
 * @param syncRetries           further attempts of a synchronous send after a retriable failure (2)
 * @param asyncRetries          the same for asynchronous sends (2)
 * @param maxBodySize           largest body accepted (4 MiB); a batch's encoded size counts as its body
 * @param compressThreshold     bodies of at least this many bytes are sent compressed (4 KiB)
 * @param compressType          the algorithm they are compressed with (zlib, as the official client)
 * @param compressLevel         level 0-9 (5): zlib's, zstd's (the same scale's low end), ignored by LZ4
 * @param maxInFlightAsync      asynchronous sends outstanding at once (1024)
 * @param backPressureWait      how long {@code sendAsync} blocks for a free slot before it throws
 *                              {@link dev.apogee.client.BackPressureException}
 * @param defaultTopicQueueNums queues per broker of a topic the broker creates on first send (4)
 * @param retryWhenNotStored    also retry a synchronous send whose status is not SEND_OK
 * @param retryCodes            broker response codes worth retrying on another broker
 * @param faults                how slow or failed brokers are avoided
 * @param closeTimeout          how long {@code close()} waits for asynchronous sends in flight
 */
public record ProducerSettings(String group, Duration sendTimeout, int syncRetries, int asyncRetries, int maxBodySize,
                               int compressThreshold, CompressionType compressType, int compressLevel,
                               int maxInFlightAsync,
                               Duration backPressureWait, int defaultTopicQueueNums, boolean retryWhenNotStored,
                               Set<Integer> retryCodes, BrokerFaults.Policy faults, Duration closeTimeout) {

    /** The codes the official producer retries on another broker. */
    public static final Set<Integer> DEFAULT_RETRY_CODES = Set.of(ResponseCode.TOPIC_NOT_EXIST,
            ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_BUSY,
            ResponseCode.NO_PERMISSION, ResponseCode.NO_BUYER_ID, ResponseCode.NOT_IN_CURRENT_UNIT,
            ResponseCode.GO_AWAY);

    public ProducerSettings {
        GroupNames.check(group);
        positive(sendTimeout, "sendTimeout");
        positive(closeTimeout, "closeTimeout");
        Objects.requireNonNull(backPressureWait, "backPressureWait");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(compressType, "compressType");
        retryCodes = Set.copyOf(retryCodes);
        if (syncRetries < 0 || asyncRetries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        if (maxBodySize < 1 || compressThreshold < 1 || maxInFlightAsync < 1 || defaultTopicQueueNums < 1) {
            throw new IllegalArgumentException("maxBodySize, compressThreshold, maxInFlightAsync and "
                    + "defaultTopicQueueNums must be positive");
        }
        if (compressLevel < 0 || compressLevel > 9) {
            throw new IllegalArgumentException("compressLevel must be 0..9, not " + compressLevel);
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }
}
