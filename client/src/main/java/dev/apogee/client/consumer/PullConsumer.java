package dev.apogee.client.consumer;

import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.Registration;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.consumer.info.RunningInfoRequests;
import dev.apogee.client.consumer.lite.LiteContext;
import dev.apogee.client.consumer.lite.LiteQueues;
import dev.apogee.client.consumer.offset.BrokerOffsetStore;
import dev.apogee.client.consumer.offset.StartOffsets;
import dev.apogee.client.consumer.rebalance.AllocationStrategy;
import dev.apogee.client.consumer.rebalance.AverageAllocation;
import dev.apogee.client.consumer.rebalance.MembershipNotices;
import dev.apogee.client.consumer.rebalance.Rebalancer;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.core.HeartbeatContributor;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo;
import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A lite pull consumer: the application polls, background threads pull. Either {@link #assign} queues
 * explicitly, or {@link #subscribe} to topics and let the group's members divide the queues as push
 * consumers do.
 *
 * <pre>{@code
 * try (PullConsumer consumer = PullConsumer.builder().nameServers("127.0.0.1:9876").group("auditors").build()) {
 *     consumer.subscribe("OrderEvents", "*");
 *     for (MessageView message : consumer.poll(Duration.ofSeconds(1))) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each queue has one long-polling pull outstanding while fewer than {@code maxBufferedPerQueue}
 * of its messages wait; {@link #poll} takes from the queues in turn. A polled message counts as
 * consumed: {@link #commit()} stores every queue's position (the offset after the last polled message)
 * with the brokers; with auto-commit (the default) that happens at the first poll after each
 * {@code autoCommitInterval} (so what an earlier poll returned is committed once the application asks
 * for more) and on close. {@link #seek} moves a queue's position; {@link #pause} stops a queue.
 *
 * <p>{@code poll} is meant for one thread; the other methods may be called from any thread.
 */
public final class PullConsumer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PullConsumer.class);
    private static final long INCOMPLETE_REBALANCE_RETRY_MILLIS = 500;

    private final PullConsumerSettings settings;
    private final ClientRuntime runtime;
    private final boolean ownsRuntime;
    private final ConsumerRequests requests;
    private final BrokerOffsetStore offsets;
    private final ScheduledThreadPoolExecutor pullScheduler;
    private final ScheduledThreadPoolExecutor background;
    private final LiteQueues queues;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Rebalancer rebalancer;
    private final long subVersion = System.currentTimeMillis();
    private Mode mode = Mode.NONE;
    private Registration heartbeat;
    private Registration notices;
    private Registration description;
    private final long startedAtMillis = System.currentTimeMillis();
    private ScheduledFuture<?> rebalancing;
    private long nextAutoCommitNanos;
    private volatile boolean closed;

    private enum Mode { NONE, ASSIGNED, SUBSCRIBED }

    private PullConsumer(PullConsumerSettings settings, ClientRuntime runtime, boolean ownsRuntime) {
        this.settings = settings;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        long timeout = runtime.settings().requestTimeout().toMillis();
        this.requests = new ConsumerRequests(runtime.rpc(), runtime.routes(), timeout);
        this.offsets = new BrokerOffsetStore(settings.group(), requests, timeout);
        String threads = "apogee-pull-consumer-" + settings.group();
        this.pullScheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(threads + "-pull", true));
        this.background = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory(threads + "-rebalance", true));
        pullScheduler.setRemoveOnCancelPolicy(true);
        background.setRemoveOnCancelPolicy(true);
        this.queues = new LiteQueues(new LiteContext(settings, requests, offsets,
                new StartOffsets(offsets, requests, settings.startPosition()), pullScheduler),
                topic -> subscriptions.getOrDefault(topic, Subscription.tags(topic, Subscription.ALL)));
        this.rebalancer = new Rebalancer(settings.group(), runtime.clientId(), MessageModel.CLUSTERING,
                settings.allocation(), requests, runtime.routes(), queues);
        this.nextAutoCommitNanos = System.nanoTime() + settings.autoCommitInterval().toNanos();
    }

    /** A builder of a lite pull consumer. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings it was built with. */
    public PullConsumerSettings settings() {
        return settings;
    }

    /** The readable queues of {@code topic}, for {@link #assign}. */
    public List<MessageQueue> queues(String topic) {
        checkOpen();
        return Rpc.await(runtime.routes().route(topic)).readableQueues();
    }

    /**
     * Reads exactly {@code mqs} from now on (no group membership, no rebalancing); a queue new to this
     * consumer starts at its committed offset, or at the start position.
     *
     * @throws IllegalStateException if the consumer subscribed to topics
     */
    public synchronized void assign(Collection<MessageQueue> mqs) {
        checkOpen();
        if (mode == Mode.SUBSCRIBED) {
            throw new IllegalStateException("this consumer subscribed to topics; it cannot also assign queues");
        }
        mode = Mode.ASSIGNED;
        Set<MessageQueue> wanted = Set.copyOf(mqs);
        queues.assignExactly(wanted);
        if (rebalancing != null) {
            rebalancing.cancel(false);
        }
        // A queue whose start offset could not be told now (broker unreachable) is tried again periodically.
        long interval = settings.rebalanceInterval().toMillis();
        rebalancing = background.scheduleWithFixedDelay(() -> {
            try {
                queues.assignExactly(wanted);
            } catch (RuntimeException e) {
                LOG.warn("assigning queues to group {} failed", settings.group(), e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Subscribes to {@code topic} with a tag expression; the group's subscribing members divide its queues.
     *
     * @throws IllegalArgumentException if the topic name or the expression is invalid
     * @throws IllegalStateException    if queues were assigned
     */
    public void subscribe(String topic, String tagExpression) {
        subscribe(Subscription.tags(topic, tagExpression));
    }

    /** Subscribes to {@code topic} with an SQL92 expression (see {@link #subscribe(String, String)}). */
    public void subscribeSql(String topic, String sqlExpression) {
        subscribe(Subscription.sql(topic, sqlExpression));
    }

    private synchronized void subscribe(Subscription subscription) {
        checkOpen();
        if (mode == Mode.ASSIGNED) {
            throw new IllegalStateException("this consumer was assigned queues; it cannot also subscribe");
        }
        mode = Mode.SUBSCRIBED;
        subscriptions.put(subscription.topic(), subscription);
        try {
            Rpc.await(runtime.routes().route(subscription.topic()));
        } catch (ClientException e) {
            LOG.info("no route of {} yet; rebalancing will look again: {}", subscription.topic(), e.getMessage());
        }
        if (heartbeat == null) {
            heartbeat = runtime.addHeartbeatContributor(new HeartbeatContributor() {
                @Override
                public List<ConsumerData> consumers() {
                    return List.of(new ConsumerData(settings.group(), "CONSUME_ACTIVELY",
                            MessageModel.CLUSTERING.name(), settings.startPosition().wireName(),
                            subscriptions.values().stream().map(s -> s.toData(subVersion)).toList(), false));
                }

                @Override
                public String toString() {
                    return "lite pull consumer group " + settings.group();
                }
            });
            notices = MembershipNotices.of(runtime).listen(settings.group(), this::rebalanceSoon);
            description = RunningInfoRequests.of(runtime).describe(settings.group(), this::runningInfo);
            long interval = settings.rebalanceInterval().toMillis();
            rebalancing = background.scheduleWithFixedDelay(this::rebalanceNow, interval, interval,
                    TimeUnit.MILLISECONDS);
        }
        background.execute(() -> {
            try {
                runtime.sendHeartbeats().get(runtime.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("heartbeat of group {} did not finish: {}", settings.group(), e.toString());
            }
            rebalanceNow();
        });
    }

    private void rebalanceNow() {
        try {
            if (!closed && !rebalancer.rebalance(Set.copyOf(subscriptions.keySet()))) {
                background.schedule(this::rebalanceNow, INCOMPLETE_REBALANCE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            LOG.warn("rebalance of group {} failed", settings.group(), e);
        }
    }

    private void rebalanceSoon() {
        try {
            background.execute(this::rebalanceNow);
        } catch (RejectedExecutionException closing) {
            LOG.debug("consumer {} is closing; no rebalance", settings.group());
        }
    }

    /** The queues read now. */
    public Set<MessageQueue> assignment() {
        return queues.assignment();
    }

    /**
     * Up to {@code pollBatchSize} messages, waiting up to {@code timeout} for the first; empty when none
     * came. With auto-commit, first commits what earlier polls returned if the interval passed.
     *
     * @throws ClientClosedException if the consumer is closed
     */
    public List<MessageView> poll(Duration timeout) {
        checkOpen();
        if (settings.autoCommit() && System.nanoTime() - nextAutoCommitNanos >= 0) {
            nextAutoCommitNanos = System.nanoTime() + settings.autoCommitInterval().toNanos();
            Map<MessageQueue, Long> positions = queues.positions();
            try {
                background.execute(() -> commit(positions));
            } catch (RejectedExecutionException closing) {
                LOG.debug("consumer {} is closing; no auto-commit", settings.group());
            }
        }
        try {
            return queues.poll(timeout.toMillis(), settings.pollBatchSize());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while polling", e);
        }
    }

    /**
     * Makes the next poll of {@code mq} start at {@code offset}.
     *
     * @throws IllegalStateException if {@code mq} is not assigned to this consumer
     */
    public void seek(MessageQueue mq, long offset) {
        checkOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        queues.seek(mq, offset);
    }

    /** Seeks {@code mq} to its first message still stored. */
    public void seekToBegin(MessageQueue mq) {
        checkOpen();
        queues.seek(mq, Rpc.await(requests.minOffset(mq)));
    }

    /** Seeks {@code mq} past its last message: only messages arriving from now on. */
    public void seekToEnd(MessageQueue mq) {
        checkOpen();
        queues.seek(mq, Rpc.await(requests.maxOffset(mq)));
    }

    /** Stops pulling {@code mqs}; their buffered messages wait until {@link #resume}. */
    public void pause(Collection<MessageQueue> mqs) {
        queues.pause(mqs);
    }

    /** Pulls and polls {@code mqs} again. */
    public void resume(Collection<MessageQueue> mqs) {
        queues.resume(mqs);
    }

    /** Commits the position of every queue (what earlier polls returned counts as consumed) and waits. */
    public void commit() {
        checkOpen();
        Map<MessageQueue, Long> positions = queues.positions();
        Rpc.await(CompletableFuture.runAsync(() -> commit(positions), background));
    }

    private void commit(Map<MessageQueue, Long> positions) {
        positions.forEach((mq, offset) -> offsets.update(mq, offset, false));
        offsets.persist(positions.keySet());
    }

    /** The group's committed offset of {@code mq} on its broker, or -1 if it has none. */
    public long committed(MessageQueue mq) {
        checkOpen();
        return Rpc.await(requests.committedOffset(settings.group(), mq));
    }

    /** What GET_CONSUMER_RUNNING_INFO reports while the consumer is subscribed (and so in the group). */
    private ConsumerRunningInfo runningInfo() {
        Map<String, String> properties = RunningInfoRequests.properties(runtime.settings().nameServers(),
                settings.group(), "CONSUME_ACTIVELY", false, MessageModel.CLUSTERING.name(),
                settings.startPosition().wireName(), startedAtMillis);
        return new ConsumerRunningInfo(properties,
                subscriptions.values().stream().map(s -> s.toData(subVersion)).toList(),
                queues.describe(offsets::current), Map.of(), Map.of(), Map.of(), null);
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("pull consumer " + settings.group());
        }
    }

    /**
     * Stops pulling, commits the positions (with auto-commit), leaves the group, and closes the runtime
     * if the consumer made it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (description != null) {
            description.close();
        }
        if (notices != null) {
            notices.close();
        }
        if (rebalancing != null) {
            rebalancing.cancel(false);
        }
        queues.close();
        background.shutdown();
        try {
            background.awaitTermination(runtime.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
        if (settings.autoCommit()) {
            commit(queues.positions());
        }
        pullScheduler.shutdownNow();
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (ownsRuntime) {
            runtime.close();
        }
    }

    @Override
    public String toString() {
        return "PullConsumer[group=" + settings.group() + ", " + runtime + "]";
    }

    /** Builds a {@link PullConsumer}: a group, and either name servers or a shared {@link #runtime(ClientRuntime)}. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String group;
        private StartPosition startPosition = StartPosition.LAST;
        private AllocationStrategy allocation = AverageAllocation.INSTANCE;
        private boolean autoCommit = true;
        private Duration autoCommitInterval = Duration.ofSeconds(5);
        private int pollBatchSize = 10;
        private int pullBatchSize = 32;
        private int maxBufferedPerQueue = 1000;
        private Duration rebalanceInterval = Duration.ofSeconds(20);
        private Duration suspendTimeout = Duration.ofSeconds(15);
        private Duration pullTimeout = Duration.ofSeconds(30);
        private Duration pullBackoff = Duration.ofSeconds(3);

        private Builder() {
        }






        /** The consumer group (required). */
        public Builder group(String name) {
            this.group = dev.apogee.client.GroupNames.check(name);
            return this;
        }

        /** Where a queue without a committed offset starts (default {@link StartPosition#LAST}). */
        public Builder startFrom(StartPosition position) {
            this.startPosition = position;
            return this;
        }

        /** How subscribing members divide queues (default {@link AverageAllocation}). */
        public Builder allocation(AllocationStrategy strategy) {
            this.allocation = strategy;
            return this;
        }

        /** Whether positions are committed automatically (default true), and how often (default 5 s). */
        public Builder autoCommit(boolean enabled, Duration interval) {
            this.autoCommit = enabled;
            this.autoCommitInterval = interval;
            return this;
        }

        /** Most messages one poll returns (default 10). */
        public Builder pollBatchSize(int messages) {
            this.pollBatchSize = messages;
            return this;
        }

        /** Messages asked for per pull (default 32). */
        public Builder pullBatchSize(int messages) {
            this.pullBatchSize = messages;
            return this;
        }

        /** A queue is not pulled while this many of its messages wait for poll (default 1000). */
        public Builder maxBufferedPerQueue(int messages) {
            this.maxBufferedPerQueue = messages;
            return this;
        }

        /** Subscribe mode: how often queues are divided again (default 20 s). */
        public Builder rebalanceInterval(Duration interval) {
            this.rebalanceInterval = interval;
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

        /** The settings this builder describes. */
        public PullConsumerSettings settings() {
            return new PullConsumerSettings(group, startPosition, allocation, autoCommit, autoCommitInterval,
                    pollBatchSize, pullBatchSize, maxBufferedPerQueue, rebalanceInterval, suspendTimeout, pullTimeout,
                    pullBackoff);
        }

        /**
         * Builds and starts the consumer (it reads nothing until {@link #assign} or {@link #subscribe}).
         *
         * @throws IllegalArgumentException if a setting is invalid
         */
        public PullConsumer build() {
            PullConsumerSettings settings = settings();
            return buildOn("consumer", (use, owned) -> new PullConsumer(settings, use, owned));
        }
    }
}
