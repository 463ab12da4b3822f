package dev.apogee.jms;

import java.time.Duration;
import java.util.Objects;

/**
 * The runtime's tunables, fixed when a connection is made ({@link ApogeeConnectionFactory} holds them).
 *
 * @param nameServers     RocketMQ name servers, {@code host:port;host:port}
 * @param invisibleTime   how long a received, unacknowledged message stays hidden from the group's other
 *                        consumers (POP); a message not acknowledged in time is delivered again
 * @param pollTimeout     longest single long poll of a consumer; also how quickly a stopped or closed consumer
 *                        notices (receive() polls repeatedly up to its own timeout)
 * @param releaseDelay    how long a queue message that a client-side selector rejected stays hidden from this
 *                        consumer before others see it again
 * @param maxDeliveries   deliveries after which a message goes to {@code deadLetterQueue} instead (0: never)
 * @param deadLetterQueue the queue (RocketMQ topic) dead messages are sent to
 * @param sendTimeout     timeout of a send
 * @param prefetch        most messages a consumer takes from the broker ahead of its receives (1: none), 1..32
 */
public record ProviderSettings(String nameServers, Duration invisibleTime, Duration pollTimeout, Duration releaseDelay,
                               int maxDeliveries, String deadLetterQueue, Duration sendTimeout, int prefetch) {

    /** Most messages a consumer prefetches by default. */
    public static final int DEFAULT_PREFETCH = 32;

    /** The dead-letter queue by default. */
    public static final String DEFAULT_DLQ = "JMS_DLQ";

    public ProviderSettings {
        Objects.requireNonNull(nameServers, "nameServers");
        positive(invisibleTime, "invisibleTime");
        positive(pollTimeout, "pollTimeout");
        positive(sendTimeout, "sendTimeout");
        if (releaseDelay == null || releaseDelay.isNegative()) {
            throw new IllegalArgumentException("releaseDelay must not be negative");
        }
        if (maxDeliveries < 0) {
            throw new IllegalArgumentException("maxDeliveries must not be negative");
        }
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        if (prefetch < 1 || prefetch > 32) {
            throw new IllegalArgumentException("prefetch must be 1..32, not " + prefetch);
        }
    }

    /**
     * Defaults: 60 s invisible, 1 s polls, 1 s release, 16 deliveries then {@value #DEFAULT_DLQ}, 3 s sends,
     * prefetch up to {@value #DEFAULT_PREFETCH}.
     */
    public static ProviderSettings defaults(String nameServers) {
        return new ProviderSettings(nameServers, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1),
                16, DEFAULT_DLQ, Duration.ofSeconds(3), DEFAULT_PREFETCH);
    }

    /** The name servers as a list for the client. */
    public String[] nameServerList() {
        return nameServers.split("[;,]");
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
