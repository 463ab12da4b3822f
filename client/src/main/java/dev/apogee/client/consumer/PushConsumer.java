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
import dev.apogee.client.consumer.rebalance.MembershipNotices;
import dev.apogee.client.consumer.rebalance.Rebalancer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    PushConsumer(PushConsumerSettings settings, MessageListener listener, OrderlyListener orderlyListener,
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
    public static PushConsumerBuilder builder() {
        return new PushConsumerBuilder();
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
}
