package dev.apogee.client.consumer;

import dev.apogee.client.GroupNames;
import dev.apogee.client.consumer.rebalance.AllocationStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link PullConsumer}, fixed once it is built (defaults as RocketMQ's lite pull consumer).
 *
 * @param group               the consumer group (offsets are committed under it)
 * @param startPosition       where a queue without a committed offset starts
 * @param allocation          how subscribing members divide queues (average)
 * @param autoCommit          commit polled positions every {@code autoCommitInterval} (on) and on close
 * @param autoCommitInterval  see above (5 s)
 * @param pollBatchSize       most messages one poll returns (10)
 * @param pullBatchSize       messages asked for per pull (32)
 * @param maxBufferedPerQueue a queue is not pulled while this many of its messages wait for poll (1000)
 * @param rebalanceInterval   subscribe mode: how often queues are divided again (20 s)
 * @param suspendTimeout      how long the broker may hold a pull that found nothing (15 s)
 * @param pullTimeout         how long a pull waits for its answer (30 s)
 * @param pullBackoff         the pause before pulling a queue again after an error (3 s)
 */
public record PullConsumerSettings(String group, StartPosition startPosition, AllocationStrategy allocation,
                                   boolean autoCommit, Duration autoCommitInterval, int pollBatchSize,
                                   int pullBatchSize, int maxBufferedPerQueue, Duration rebalanceInterval,
                                   Duration suspendTimeout, Duration pullTimeout, Duration pullBackoff) {

    public PullConsumerSettings {
        GroupNames.check(group);
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(allocation, "allocation");
        if (pollBatchSize < 1 || pullBatchSize < 1 || pullBatchSize > 1024 || maxBufferedPerQueue < 1) {
            throw new IllegalArgumentException("pollBatchSize, pullBatchSize (at most 1024) and maxBufferedPerQueue "
                    + "must be positive");
        }
        for (Duration duration : List.of(autoCommitInterval, rebalanceInterval, suspendTimeout, pullTimeout,
                pullBackoff)) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("intervals and timeouts must be positive, not " + duration);
            }
        }
        if (pullTimeout.compareTo(suspendTimeout) <= 0) {
            throw new IllegalArgumentException("the pull timeout must exceed the suspend timeout");
        }
    }
}
