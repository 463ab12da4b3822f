package dev.apogee.client.consumer;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.consumer.rebalance.AllocationStrategy;
import dev.apogee.client.consumer.rebalance.AverageAllocation;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Builds a {@link PushConsumer}: a group, at least one subscription, one listener, and either name
 * servers (the consumer makes and owns its runtime) or a shared {@link #runtime(ClientRuntime)}.
 */
public final class PushConsumerBuilder extends ClientBuilder<PushConsumerBuilder> {
    private String group;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private MessageListener listener;
    private OrderlyListener orderlyListener;
    private MessageModel model = MessageModel.CLUSTERING;
    private StartPosition startPosition = StartPosition.LAST;
    private AllocationStrategy allocation = AverageAllocation.INSTANCE;
    private int consumeThreads = 20;
    private int pullBatchSize = 32;
    private int maxCachedMessages = 1000;
    private long maxCachedBytes = 100L << 20;
    private int maxReconsumeTimes = 16;
    private IntUnaryOperator retryDelayLevel = reconsumeTimes -> Math.min(18, 3 + reconsumeTimes);
    private Duration rebalanceInterval = Duration.ofSeconds(20);
    private Duration commitInterval = Duration.ofSeconds(5);
    private Duration lockRenewInterval = Duration.ofSeconds(20);
    private Duration lockMaxAge = Duration.ofSeconds(30);
    private Duration suspendTimeout = Duration.ofSeconds(15);
    private Duration pullTimeout = Duration.ofSeconds(30);
    private Duration pullBackoff = Duration.ofSeconds(3);
    private Duration retryLater = Duration.ofSeconds(5);
    private Duration orderlySuspend = Duration.ofSeconds(1);
    private Path offsetDirectory = Path.of(System.getProperty("user.home"), ".apogee", "offsets");
    private Duration closeTimeout = Duration.ofSeconds(5);

    PushConsumerBuilder() {
    }

    /** The consumer group (required). */
    public PushConsumerBuilder group(String name) {
        this.group = dev.apogee.client.GroupNames.check(name);
        return this;
    }

    /**
     * Subscribes to {@code topic} with a tag expression: {@code *} for everything, or {@code a || b}.
     *
     * @throws IllegalArgumentException if the topic name or the expression is invalid
     */
    public PushConsumerBuilder subscribe(String topic, String tagExpression) {
        subscriptions.add(Subscription.tags(topic, tagExpression));
        return this;
    }

    /**
     * Subscribes to {@code topic} with an SQL92 expression over message properties (the brokers must
     * have property filtering enabled).
     *
     * @throws IllegalArgumentException if the topic name or the expression is invalid
     */
    public PushConsumerBuilder subscribeSql(String topic, String sqlExpression) {
        subscriptions.add(Subscription.sql(topic, sqlExpression));
        return this;
    }

    /** The listener, run concurrently (this or {@link #orderlyListener} is required). */
    public PushConsumerBuilder listener(MessageListener newListener) {
        this.listener = Objects.requireNonNull(newListener, "listener");
        return this;
    }

    /** The listener, run in queue order, one message at a time per queue. */
    public PushConsumerBuilder orderlyListener(OrderlyListener newListener) {
        this.orderlyListener = Objects.requireNonNull(newListener, "orderlyListener");
        return this;
    }

    /** Clustering (default) or broadcasting. */
    public PushConsumerBuilder messageModel(MessageModel newModel) {
        this.model = newModel;
        return this;
    }

    /** Where a queue without a committed offset starts (default {@link StartPosition#LAST}). */
    public PushConsumerBuilder startFrom(StartPosition position) {
        this.startPosition = position;
        return this;
    }

    /** How clustering members divide queues (default {@link AverageAllocation}). */
    public PushConsumerBuilder allocation(AllocationStrategy strategy) {
        this.allocation = strategy;
        return this;
    }

    /** Threads running the listener (default 20). */
    public PushConsumerBuilder consumeThreads(int threads) {
        this.consumeThreads = threads;
        return this;
    }

    /** Messages asked for per pull (default 32). */
    public PushConsumerBuilder pullBatchSize(int messages) {
        this.pullBatchSize = messages;
        return this;
    }

    /** Pulling a queue pauses while more than {@code messages} (1000) or {@code mebibytes} MiB (100) are cached. */
    public PushConsumerBuilder cacheLimits(int messages, int mebibytes) {
        this.maxCachedMessages = messages;
        this.maxCachedBytes = (long) mebibytes << 20;
        return this;
    }

    /** Deliveries before a failing message goes to the dead-letter topic (default 16). */
    public PushConsumerBuilder maxReconsumeTimes(int times) {
        this.maxReconsumeTimes = times;
        return this;
    }

    /**
     * The delay level (1 = 1 s, 2 = 5 s, 3 = 10 s, ... 18 = 2 h) of a redelivery, from the message's
     * reconsume count (default {@code 3 + count}, as brokers choose).
     */
    public PushConsumerBuilder retryDelayLevel(IntUnaryOperator levelByReconsumeTimes) {
        this.retryDelayLevel = levelByReconsumeTimes;
        return this;
    }

    /** How often queues are divided again (default 20 s). */
    public PushConsumerBuilder rebalanceInterval(Duration interval) {
        this.rebalanceInterval = interval;
        return this;
    }

    /** How often offsets are committed (default 5 s). */
    public PushConsumerBuilder commitInterval(Duration interval) {
        this.commitInterval = interval;
        return this;
    }

    /** Orderly: how often queue locks are renewed (20 s) and when an unconfirmed one counts as lost (30 s). */
    public PushConsumerBuilder queueLocks(Duration renewInterval, Duration maxAge) {
        this.lockRenewInterval = renewInterval;
        this.lockMaxAge = maxAge;
        return this;
    }

    /** Long polling: how long a broker may hold an empty pull (15 s) and how long to wait for it (30 s). */
    public PushConsumerBuilder longPolling(Duration suspend, Duration timeout) {
        this.suspendTimeout = suspend;
        this.pullTimeout = timeout;
        return this;
    }

    /** The pause before pulling a queue again after an error (default 3 s). */
    public PushConsumerBuilder pullBackoff(Duration pause) {
        this.pullBackoff = pause;
        return this;
    }

    /** How long a message whose send-back failed waits before it is consumed again (default 5 s). */
    public PushConsumerBuilder retryLater(Duration pause) {
        this.retryLater = pause;
        return this;
    }

    /** Orderly: the pause of a queue whose listener asked to retry (default 1 s). */
    public PushConsumerBuilder orderlySuspend(Duration pause) {
        this.orderlySuspend = pause;
        return this;
    }

    /** Broadcasting: the directory of the offset files (default {@code ~/.apogee/offsets}). */
    public PushConsumerBuilder offsetDirectory(Path directory) {
        this.offsetDirectory = directory;
        return this;
    }

    /** How long close waits for running listeners (default 5 s). */
    public PushConsumerBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = timeout;
        return this;
    }

    /** The settings this builder describes. */
    public PushConsumerSettings settings() {
        return new PushConsumerSettings(group, subscriptions, model, startPosition, allocation, consumeThreads,
                pullBatchSize, maxCachedMessages, maxCachedBytes, maxReconsumeTimes, retryDelayLevel,
                rebalanceInterval, commitInterval, lockRenewInterval, lockMaxAge, suspendTimeout, pullTimeout,
                pullBackoff, retryLater, orderlySuspend, offsetDirectory, closeTimeout);
    }

    /**
     * Builds and starts the consumer.
     *
     * @throws IllegalArgumentException if a setting is invalid (no group, no subscription, no or two
     *                                  listeners, no name server, ...)
     * @throws BrokerRefusedException   with NO_PERMISSION if a broker refused the first heartbeat
     *                                  (wrong or missing credentials where the broker checks them)
     */
    public PushConsumer build() {
        PushConsumerSettings settings = settings();
        if ((listener == null) == (orderlyListener == null)) {
            throw new IllegalArgumentException("a push consumer needs exactly one listener: listener(...) or "
                    + "orderlyListener(...)");
        }
        return buildOn("consumer", (use, owned) -> new PushConsumer(settings, listener, orderlyListener, use, owned));
    }
}
