package dev.apogee.client.consumer;

import dev.apogee.client.GroupNames;
import dev.apogee.client.consumer.rebalance.AllocationStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Settings of a {@link PushConsumer}, fixed once it is built ({@link PushConsumerBuilder} makes them;
 * the defaults are RocketMQ's).
 *
 * @param group                 the consumer group
 * @param subscriptions         what it reads (the group's retry topic is added in clustering mode)
 * @param model                 clustering or broadcasting
 * @param startPosition         where a queue without an offset starts
 * @param allocation            how clustering members divide queues (average)
 * @param consumeThreads        threads running the listener (20)
 * @param pullBatchSize         messages asked for per pull (32)
 * @param maxCachedMessages     a queue is not pulled while it has more messages cached (1000)
 * @param maxCachedBytes        ... or more bytes of bodies cached (100 MiB)
 * @param maxReconsumeTimes     deliveries after which a failing message goes to the dead-letter topic
 *                              (16; orderly: locally retried that many times)
 * @param retryDelayLevel       the delay level of the next redelivery by the message's reconsume count
 *                              (3 + count: 10 s, 30 s, 1 min, ...)
 * @param rebalanceInterval     how often queues are divided again (20 s; also at once on a membership notice)
 * @param commitInterval        how often offsets are committed (5 s)
 * @param lockRenewInterval     orderly: how often the broker locks are renewed (20 s)
 * @param lockMaxAge            orderly: a lock not confirmed for this long is treated as lost (30 s)
 * @param suspendTimeout        how long the broker may hold a pull that found nothing (15 s)
 * @param pullTimeout           how long a pull waits for its answer (30 s, above the suspend time)
 * @param pullBackoff           the pause before pulling a queue again after an error (3 s)
 * @param retryLater            how long a message whose send-back failed waits before it is consumed again (5 s)
 * @param orderlySuspend        orderly: the pause of a queue whose listener asked to retry (1 s)
 * @param offsetDirectory       broadcasting: where the offset files are kept
 * @param closeTimeout          how long close waits for listeners still running (5 s)
 */
public record PushConsumerSettings(String group, List<Subscription> subscriptions, MessageModel model,
                                   StartPosition startPosition, AllocationStrategy allocation, int consumeThreads,
                                   int pullBatchSize, int maxCachedMessages, long maxCachedBytes,
                                   int maxReconsumeTimes, IntUnaryOperator retryDelayLevel,
                                   Duration rebalanceInterval, Duration commitInterval, Duration lockRenewInterval,
                                   Duration lockMaxAge, Duration suspendTimeout, Duration pullTimeout,
                                   Duration pullBackoff, Duration retryLater, Duration orderlySuspend,
                                   Path offsetDirectory, Duration closeTimeout) {

    public PushConsumerSettings {
        GroupNames.check(group);
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("consumer group " + group + " subscribes to nothing");
        }
        if (subscriptions.stream().map(Subscription::topic).distinct().count() != subscriptions.size()) {
            throw new IllegalArgumentException("a topic is subscribed twice: " + subscriptions);
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(retryDelayLevel, "retryDelayLevel");
        Objects.requireNonNull(offsetDirectory, "offsetDirectory");
        if (consumeThreads < 1 || consumeThreads > 1000) {
            throw new IllegalArgumentException("consumeThreads must be 1..1000, not " + consumeThreads);
        }
        if (pullBatchSize < 1 || pullBatchSize > 1024) {
            throw new IllegalArgumentException("pullBatchSize must be 1..1024, not " + pullBatchSize);
        }
        if (maxCachedMessages < 1 || maxCachedBytes < 1) {
            throw new IllegalArgumentException("the cache limits must be positive");
        }
        if (maxReconsumeTimes < 0) {
            throw new IllegalArgumentException("maxReconsumeTimes must not be negative");
        }
        for (Duration duration : List.of(rebalanceInterval, commitInterval, lockRenewInterval, lockMaxAge,
                suspendTimeout, pullTimeout, pullBackoff, retryLater, orderlySuspend, closeTimeout)) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("intervals and timeouts must be positive, not " + duration);
            }
        }
        if (pullTimeout.compareTo(suspendTimeout) <= 0) {
            throw new IllegalArgumentException("the pull timeout (" + pullTimeout + ") must exceed the suspend "
                    + "timeout (" + suspendTimeout + "), or held pulls time out");
        }
    }
}
