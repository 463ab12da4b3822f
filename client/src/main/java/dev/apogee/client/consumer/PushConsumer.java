package dev.apogee.client.consumer;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.Registration;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.consumer.info.RunningInfoRequests;
import dev.apogee.client.consumer.offset.BrokerOffsetStore;
import dev.apogee.client.consumer.offset.LocalOffsetStore;
import dev.apogee.client.consumer.offset.OffsetStore;
import dev.apogee.client.consumer.push.PushContext;
import dev.apogee.client.consumer.push.PushEngine;
import dev.apogee.client.consumer.rebalance.AllocationStrategy;
import dev.apogee.client.consumer.rebalance.AverageAllocation;
import dev.apogee.client.consumer.rebalance.MembershipNotices;
import dev.apogee.client.consumer.rebalance.Rebalancer;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.core.HeartbeatContributor;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo;
import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.HeartbeatData.SubscriptionData;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Receives messages pushed to a listener: the consumer pulls (long polling) the queues it owns and
 * runs the listener on its own threads.
 *
 * <pre>{@code
 * try (PushConsumer consumer = PushConsumer.builder().nameServers("127.0.0.1:9876").group("order-processors")
 *         .subscribe("OrderEvents", "created || paid")
 *         .listener(message -> ConsumeResult.SUCCESS)
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Clustering</b> (the default): the group's members divide each topic's queues
 * ({@link AllocationStrategy}, average by default), again every {@code rebalanceInterval} and at once
 * when a broker says the membership changed; offsets are committed to the brokers every
 * {@code commitInterval}, with every pull, when a queue is given up and on close, always the smallest
 * offset not yet consumed. A message the listener fails goes back to the broker (CONSUMER_SEND_MSG_BACK)
 * and returns through the group's retry topic, {@code %RETRY%group}, which the consumer also reads;
 * after {@code maxReconsumeTimes} it lands in {@code %DLQ%group}. <b>Broadcasting</b>: every member
 * reads every queue, keeping offsets in a file per group under {@code offsetDirectory}.
 *
 * <p><b>Orderly</b> listeners ({@link Builder#orderlyListener}) see each queue's messages one at a time
 * in order; in clustering mode the consumer locks a queue on its broker before reading it.
 *
 * <p><b>Flow control</b>: a queue is not pulled while more than {@code maxCachedMessages} messages or
 * {@code maxCachedBytes} of bodies wait in its cache.
 *
 * <p>Delivery is at least once: after a member leaves or crashes, messages consumed since the last
 * commit are delivered again to the member that takes its queues. {@link #close()} stops pulling, waits
 * for running listeners, commits, unlocks and leaves the group.
 */
public final class PushConsumer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PushConsumer.class);
    /** A rebalance that could not decide a topic (no route or membership yet) is tried again this soon. */
    private static final long INCOMPLETE_REBALANCE_RETRY_MILLIS = 500;

    private final PushConsumerSettings settings;
    private final ClientRuntime runtime;
    private final boolean ownsRuntime;
    private final Map<String, Subscription> subscriptions;
    private final OffsetStore offsets;
    private final ScheduledThreadPoolExecutor pullScheduler;
    private final ScheduledThreadPoolExecutor rebalanceThread;
    private final PushEngine engine;
    private final Rebalancer rebalancer;
    private final Registration heartbeat;
    private final Registration notices;
    private final Registration description;
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile boolean closed;

    private PushConsumer(PushConsumerSettings settings, MessageListener listener, OrderlyListener orderlyListener,
                         ClientRuntime runtime, boolean ownsRuntime) {
        this.settings = settings;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        String group = settings.group();
        Map<String, Subscription> all = new LinkedHashMap<>();
        settings.subscriptions().forEach(subscription -> all.put(subscription.topic(), subscription));
        if (settings.model() == MessageModel.CLUSTERING) {
            // Redeliveries come back through the group's retry topic, which every member reads too.
            String retryTopic = Topics.RETRY_PREFIX + group;
            all.putIfAbsent(retryTopic, Subscription.tags(retryTopic, Subscription.ALL));
        }
        this.subscriptions = Map.copyOf(all);
        long timeout = runtime.settings().requestTimeout().toMillis();
        ConsumerRequests requests = new ConsumerRequests(runtime.rpc(), runtime.routes(), timeout);
        this.offsets = settings.model() == MessageModel.CLUSTERING ? new BrokerOffsetStore(group, requests, timeout)
                : new LocalOffsetStore(settings.offsetDirectory(), group);
        String threads = "apogee-consumer-" + group;
        this.pullScheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(threads + "-pull", true));
        this.rebalanceThread = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(threads + "-rebalance", true));
        pullScheduler.setRemoveOnCancelPolicy(true);
        rebalanceThread.setRemoveOnCancelPolicy(true);
        PushContext context = new PushContext(settings, runtime.clientId(), requests, offsets, subscriptions,
                System.currentTimeMillis(), pullScheduler);
        this.engine = listener != null ? PushEngine.concurrent(context, listener, threads + "-consume")
                : PushEngine.orderly(context, orderlyListener, threads + "-consume");
        this.rebalancer = new Rebalancer(group, runtime.clientId(), settings.model(), settings.allocation(), requests,
                runtime.routes(), engine.queueOwner());
        ConsumerData announced = consumerData(context.subVersion());
        // Learn the brokers first, so that the heartbeat registering this member reaches them.
        for (String topic : subscriptions.keySet()) {
            try {
                Rpc.await(runtime.routes().route(topic));
            } catch (ClientException e) {
                LOG.info("no route of {} yet for group {}; rebalancing will look again: {}", topic, group,
                        e.getMessage());
            }
        }
        this.heartbeat = runtime.addHeartbeatContributor(new HeartbeatContributor() {
            @Override
            public List<ConsumerData> consumers() {
                return List.of(announced);
            }

            @Override
            public String toString() {
                return "push consumer group " + group;
            }
        });
        this.notices = MembershipNotices.of(runtime).listen(group, this::rebalanceSoon);
        this.description = RunningInfoRequests.of(runtime).describe(group, () -> runningInfo(context.subVersion()));
        firstHeartbeat();
        start();
    }

    /**
     * The first heartbeat, before the first rebalance: the brokers must know this member before it asks
     * for the group's membership. A broker that refuses it with NO_PERMISSION (a broker checking
     * credentials, given wrong ones or none) would refuse every pull too, so the consumer closes again and
     * throws that refusal; other failures are logged, and the periodic heartbeats try again.
     */
    private void firstHeartbeat() {
        try {
            Rpc.await(runtime.sendHeartbeatsOrFail());
        } catch (BrokerRefusedException e) {
            if (e.responseCode() == ResponseCode.NO_PERMISSION) {
                close();
                throw e;
            }
            LOG.warn("first heartbeat of group {} refused: {}", settings.group(), e.getMessage());
        } catch (ClientException e) {
            LOG.info("first heartbeat of group {} did not get through: {}", settings.group(), e.getMessage());
        }
    }

    private ConsumerData consumerData(long subVersion) {
        return new ConsumerData(settings.group(), "CONSUME_PASSIVELY", settings.model().name(),
                settings.startPosition().wireName(), subscriptionData(subVersion), false);
    }

    private List<SubscriptionData> subscriptionData(long subVersion) {
        return subscriptions.values().stream().map(subscription -> subscription.toData(subVersion)).toList();
    }

    /** What GET_CONSUMER_RUNNING_INFO reports: settings, subscriptions and every queue read now. */
    private ConsumerRunningInfo runningInfo(long subVersion) {
        Map<String, String> properties = RunningInfoRequests.properties(runtime.settings().nameServers(),
                settings.group(), "CONSUME_PASSIVELY", engine.isOrderly(), settings.model().name(),
                settings.startPosition().wireName(), startedAtMillis);
        properties.put(ConsumerRunningInfo.PROP_THREADPOOL_CORE_SIZE, String.valueOf(settings.consumeThreads()));
        properties.put("allocateMessageQueueStrategy", settings.allocation().toString());
        return new ConsumerRunningInfo(properties, subscriptionData(subVersion), engine.describe(), Map.of(), Map.of(),
                Map.of(), null);
    }

    private void start() {
        long rebalance = settings.rebalanceInterval().toMillis();
        rebalanceThread.scheduleWithFixedDelay(this::rebalanceNow, 0, rebalance, TimeUnit.MILLISECONDS);
        long commit = settings.commitInterval().toMillis();
        rebalanceThread.scheduleWithFixedDelay(() -> guarded("offset commit", engine::commitAll), commit, commit,
                TimeUnit.MILLISECONDS);
        if (engine.usesLocks()) {
            long renew = settings.lockRenewInterval().toMillis();
            rebalanceThread.scheduleWithFixedDelay(() -> guarded("lock renewal", engine::renewLocks), renew, renew,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void rebalanceNow() {
        guarded("rebalance", () -> {
            if (!closed && !rebalancer.rebalance(subscriptions.keySet())) {
                rebalanceThread.schedule(this::rebalanceNow, INCOMPLETE_REBALANCE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Rebalances on the rebalance thread as soon as it is free (a broker said the membership changed). */
    private void rebalanceSoon() {
        try {
            rebalanceThread.execute(this::rebalanceNow);
        } catch (RejectedExecutionException closing) {
            LOG.debug("consumer {} is closing; no rebalance", settings.group());
        }
    }

    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log and carry on instead.
            LOG.warn("{} of group {} failed", what, settings.group(), e);
        }
    }

    /** A builder of a push consumer. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings it was built with. */
    public PushConsumerSettings settings() {
        return settings;
    }

    /** The runtime it reads through (shared or its own). */
    public ClientRuntime runtime() {
        return runtime;
    }

    /** The queues this member reads now (its share after the last rebalance; retry topic included). */
    public Set<MessageQueue> assignedQueues() {
        if (closed) {
            throw new ClientClosedException("push consumer " + settings.group());
        }
        return engine.queues();
    }

    /** Commits every queue's offset now (it happens every {@code commitInterval} anyway). */
    public void commitOffsets() {
        if (closed) {
            throw new ClientClosedException("push consumer " + settings.group());
        }
        Rpc.await(java.util.concurrent.CompletableFuture.runAsync(() -> engine.commitAll(), rebalanceThread));
    }

    /**
     * Stops pulling, waits up to the close timeout for listeners under way, commits the offsets of every
     * queue, gives the queue locks back, leaves the group (so the others rebalance at once) and closes
     * the runtime if the consumer made it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        notices.close();
        description.close();
        rebalanceThread.shutdown();
        try {
            if (!rebalanceThread.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                rebalanceThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rebalanceThread.shutdownNow();
        }
        try {
            engine.close(settings.closeTimeout().toMillis());
        } catch (RuntimeException e) {
            LOG.warn("closing consumer {} did not finish cleanly", settings.group(), e);
        }
        pullScheduler.shutdownNow();
        heartbeat.close();
        if (ownsRuntime) {
            runtime.close();
        }
        LOG.debug("push consumer {} closed", settings.group());
    }

    @Override
    public String toString() {
        return "PushConsumer[group=" + settings.group() + ", " + settings.model() + ", " + runtime + "]";
    }

    /**
     * Builds a {@link PushConsumer}: a group, at least one subscription, one listener, and either name
     * servers (the consumer makes and owns its runtime) or a shared {@link #runtime(ClientRuntime)}.
     */
    public static final class Builder extends ClientBuilder<Builder> {
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

        private Builder() {
        }

        /** The consumer group (required). */
        public Builder group(String name) {
            this.group = dev.apogee.client.GroupNames.check(name);
            return this;
        }

        /**
         * Subscribes to {@code topic} with a tag expression: {@code *} for everything, or {@code a || b}.
         *
         * @throws IllegalArgumentException if the topic name or the expression is invalid
         */
        public Builder subscribe(String topic, String tagExpression) {
            subscriptions.add(Subscription.tags(topic, tagExpression));
            return this;
        }

        /**
         * Subscribes to {@code topic} with an SQL92 expression over message properties (the brokers must
         * have property filtering enabled).
         *
         * @throws IllegalArgumentException if the topic name or the expression is invalid
         */
        public Builder subscribeSql(String topic, String sqlExpression) {
            subscriptions.add(Subscription.sql(topic, sqlExpression));
            return this;
        }

        /** The listener, run concurrently (this or {@link #orderlyListener} is required). */
        public Builder listener(MessageListener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener");
            return this;
        }

        /** The listener, run in queue order, one message at a time per queue. */
        public Builder orderlyListener(OrderlyListener newListener) {
            this.orderlyListener = Objects.requireNonNull(newListener, "orderlyListener");
            return this;
        }

        /** Clustering (default) or broadcasting. */
        public Builder messageModel(MessageModel newModel) {
            this.model = newModel;
            return this;
        }

        /** Where a queue without a committed offset starts (default {@link StartPosition#LAST}). */
        public Builder startFrom(StartPosition position) {
            this.startPosition = position;
            return this;
        }

        /** How clustering members divide queues (default {@link AverageAllocation}). */
        public Builder allocation(AllocationStrategy strategy) {
            this.allocation = strategy;
            return this;
        }

        /** Threads running the listener (default 20). */
        public Builder consumeThreads(int threads) {
            this.consumeThreads = threads;
            return this;
        }

        /** Messages asked for per pull (default 32). */
        public Builder pullBatchSize(int messages) {
            this.pullBatchSize = messages;
            return this;
        }

        /** Pulling a queue pauses while more than {@code messages} (1000) or {@code mebibytes} MiB (100) are cached. */
        public Builder cacheLimits(int messages, int mebibytes) {
            this.maxCachedMessages = messages;
            this.maxCachedBytes = (long) mebibytes << 20;
            return this;
        }

        /** Deliveries before a failing message goes to the dead-letter topic (default 16). */
        public Builder maxReconsumeTimes(int times) {
            this.maxReconsumeTimes = times;
            return this;
        }

        /**
         * The delay level (1 = 1 s, 2 = 5 s, 3 = 10 s, ... 18 = 2 h) of a redelivery, from the message's
         * reconsume count (default {@code 3 + count}, as brokers choose).
         */
        public Builder retryDelayLevel(IntUnaryOperator levelByReconsumeTimes) {
            this.retryDelayLevel = levelByReconsumeTimes;
            return this;
        }

        /** How often queues are divided again (default 20 s). */
        public Builder rebalanceInterval(Duration interval) {
            this.rebalanceInterval = interval;
            return this;
        }

        /** How often offsets are committed (default 5 s). */
        public Builder commitInterval(Duration interval) {
            this.commitInterval = interval;
            return this;
        }

        /** Orderly: how often queue locks are renewed (20 s) and when an unconfirmed one counts as lost (30 s). */
        public Builder queueLocks(Duration renewInterval, Duration maxAge) {
            this.lockRenewInterval = renewInterval;
            this.lockMaxAge = maxAge;
            return this;
        }

        /** Long polling: how long a broker may hold an empty pull (15 s) and how long to wait for it (30 s). */
        public Builder longPolling(Duration suspend, Duration timeout) {
            this.suspendTimeout = suspend;
            this.pullTimeout = timeout;
            return this;
        }

        /** The pause before pulling a queue again after an error (default 3 s). */
        public Builder pullBackoff(Duration pause) {
            this.pullBackoff = pause;
            return this;
        }

        /** How long a message whose send-back failed waits before it is consumed again (default 5 s). */
        public Builder retryLater(Duration pause) {
            this.retryLater = pause;
            return this;
        }

        /** Orderly: the pause of a queue whose listener asked to retry (default 1 s). */
        public Builder orderlySuspend(Duration pause) {
            this.orderlySuspend = pause;
            return this;
        }

        /** Broadcasting: the directory of the offset files (default {@code ~/.apogee/offsets}). */
        public Builder offsetDirectory(Path directory) {
            this.offsetDirectory = directory;
            return this;
        }

        /** How long close waits for running listeners (default 5 s). */
        public Builder closeTimeout(Duration timeout) {
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
}
