package dev.apogee.client.pop;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.core.HeartbeatContributor;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.HeartbeatData.SubscriptionData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.header.broker.AckMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ChangeInvisibleTimeRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ChangeInvisibleTimeResponseHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Consumes by pop: the broker hands out messages one by one, each hidden from the group's other
 * consumers for an invisible time, and takes it back for good when it is acknowledged. Any number of
 * consumers of a group share every queue; a message not acknowledged in time is handed out again.
 *
 * <pre>{@code
 * try (PopConsumer consumer = PopConsumer.builder().nameServers("127.0.0.1:9876").group("billing").build()) {
 *     for (ReceivedMessage message : consumer.receive("Orders", FilterExpression.tag("created"), 16,
 *             Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *         process(message.body());
 *         consumer.ack(message);
 *     }
 * }
 * }</pre>
 *
 * <p>A receive asks the topic's broker groups in turn (starting one further each time) without
 * waiting, and returns the first batch found; when none has a message it waits on one broker, round
 * robin, up to the poll timeout (long polling). Redeliveries from the group's pop retry topic
 * ({@code %RETRY%group_topic}) are received too, under the topic asked for; their receipts
 * acknowledge them in the retry topic.
 *
 * <p>The group and the topics received from are announced in heartbeats (consume type
 * {@code CONSUME_POP}), so brokers and admin tools know the group and its members.
 *
 * <p>Thread-safe. Futures complete on the runtime's callback threads. {@link #close()} leaves the
 * group on every broker and closes the runtime if the consumer made it; a receive still polling on a
 * shared runtime ends at its poll timeout.
 */
public final class PopConsumer implements AutoCloseable {

    private final PopSettings settings;
    private final ClientRuntime runtime;
    private final boolean ownsRuntime;
    private final PopTargets targets;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final Registration heartbeat;
    private final BatchAcks batchAcks;
    private final PopRounds rounds;
    private volatile boolean closed;

    private PopConsumer(PopSettings settings, ClientRuntime runtime, boolean ownsRuntime) {
        this.settings = settings;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.targets = new PopTargets(runtime.routes(), settings.group(), settings.retryTopicCheck().toMillis());
        this.rounds = new PopRounds(settings, runtime, this::checkOpen);
        this.batchAcks = new BatchAcks(settings.group(), settings.requestTimeout().toMillis(), runtime.rpc(),
                message -> address(message.receipt(), message.topic()), this::ackOne);
        this.heartbeat = runtime.addHeartbeatContributor(new HeartbeatContributor() {
            @Override
            public List<ConsumerData> consumers() {
                return List.of(new ConsumerData(settings.group(), "CONSUME_POP", "CLUSTERING",
                        settings.startFromLast() ? "CONSUME_FROM_LAST_OFFSET" : "CONSUME_FROM_FIRST_OFFSET",
                        new ArrayList<>(subscriptions.values()), false));
            }

            @Override
            public String toString() {
                return "pop consumer group " + settings.group();
            }
        });
    }

    /** A builder of a pop consumer. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings it was built with. */
    public PopSettings settings() {
        return settings;
    }

    /** The runtime it consumes through (shared or its own). */
    public ClientRuntime runtime() {
        return runtime;
    }

    /**
     * Receives up to {@code maxMessages} messages of {@code topic} that {@code filter} selects, hidden
     * from the group's other consumers for {@code invisibleTime}; waits up to {@code pollTimeout} when
     * none is available. An empty list means none arrived in time.
     *
     * @param maxMessages 1 to {@value PopSettings#MAX_BATCH}
     * @throws IllegalArgumentException if an argument is out of range
     * @throws NoRouteException         if no broker serves the topic
     * @throws ClientException          if a broker refused ({@link BrokerRefusedException}) or could not be reached
     */
    public List<ReceivedMessage> receive(String topic, FilterExpression filter, int maxMessages, Duration invisibleTime,
                                         Duration pollTimeout) {
        // A caller that waits is woken by the I/O thread that completes the answer: no hop to a callback thread.
        return Rpc.await(receiving(topic, filter, maxMessages, invisibleTime, pollTimeout));
    }

    /** {@link #receive(String, FilterExpression, int, Duration, Duration)} without blocking. */
    public CompletableFuture<List<ReceivedMessage>> receiveAsync(String topic, FilterExpression filter, int maxMessages,
                                                                 Duration invisibleTime, Duration pollTimeout) {
        return onCallbackThread(receiving(topic, filter, maxMessages, invisibleTime, pollTimeout));
    }

    private CompletableFuture<List<ReceivedMessage>> receiving(String topic, FilterExpression filter, int maxMessages,
                                                               Duration invisibleTime, Duration pollTimeout) {
        PopRequest request = request(topic, filter, maxMessages, invisibleTime, pollTimeout);
        return targets.of(topic).thenCompose(list -> rounds.sweep(request, list));
    }

    /**
     * Receives from one broker group only: queue {@code queue.queueId()} of it, or every queue of the
     * topic there when the id is -1. Redeliveries from the retry topic are not included.
     *
     * @see #receive(String, FilterExpression, int, Duration, Duration)
     */
    public List<ReceivedMessage> receive(MessageQueue queue, FilterExpression filter, int maxMessages,
                                         Duration invisibleTime, Duration pollTimeout) {
        return Rpc.await(receiving(queue, filter, maxMessages, invisibleTime, pollTimeout));
    }

    /** {@link #receive(MessageQueue, FilterExpression, int, Duration, Duration)} without blocking. */
    public CompletableFuture<List<ReceivedMessage>> receiveAsync(MessageQueue queue, FilterExpression filter,
                                                                 int maxMessages, Duration invisibleTime,
                                                                 Duration pollTimeout) {
        return onCallbackThread(receiving(queue, filter, maxMessages, invisibleTime, pollTimeout));
    }

    private CompletableFuture<List<ReceivedMessage>> receiving(MessageQueue queue, FilterExpression filter,
                                                               int maxMessages, Duration invisibleTime,
                                                               Duration pollTimeout) {
        if (queue.queueId() < -1) {
            throw new IllegalArgumentException("queue id " + queue.queueId() + " is neither a queue nor -1 (all)");
        }
        PopRequest request = request(queue.topic(), filter, maxMessages, invisibleTime, pollTimeout);
        return targets.of(queue).thenCompose(target -> rounds.pop(request, target, queue.queueId(), request.pollMillis()));
    }

    /**
     * Acknowledges {@code message}: the group is done with it for good.
     *
     * @throws BrokerRefusedException with {@link ResponseCode#NO_MESSAGE} if the receipt is stale (the
     *                                message became visible again and was handed out anew, or was acked)
     */
    public void ack(ReceivedMessage message) {
        checkOpen();
        Rpc.await(ackOne(message));
    }

    /** {@link #ack} without blocking. */
    public CompletableFuture<Void> ackAsync(ReceivedMessage message) {
        checkOpen();
        return onCallbackThread(ackOne(message));
    }

    /**
     * Acknowledges {@code messages} in as few requests as the brokers allow: one BATCH_ACK_MESSAGE per
     * broker group (Apogee, RocketMQ 5.1 and later), or one ACK_MESSAGE per message where a broker does
     * not take batches. A batch is answered as a whole, as on RocketMQ: a message in it whose receipt went
     * stale is not reported (the message was handed out again and will be delivered again).
     *
     * @throws ClientException if a broker refused the batch or could not be reached
     */
    public void ackAll(Collection<ReceivedMessage> messages) {
        checkOpen();
        if (!messages.isEmpty()) {
            Rpc.await(batchAcks.ack(messages));
        }
    }

    /** {@link #ackAll} without blocking. */
    public CompletableFuture<Void> ackAllAsync(Collection<ReceivedMessage> messages) {
        checkOpen();
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return onCallbackThread(batchAcks.ack(messages));
    }

    private CompletableFuture<Void> ackOne(ReceivedMessage message) {
        PopReceipt receipt = message.receipt();
        String storedTopic = receipt.storedTopic(settings.group(), message.topic());
        RemotingCommand request = RemotingCommand.request(RequestCode.ACK_MESSAGE, new AckMessageRequestHeader(
                settings.group(), storedTopic, receipt.queueId(), receipt.extraInfo(), receipt.queueOffset()));
        return address(receipt, message.topic()).thenCompose(address ->
                runtime.rpc().call(address, request, settings.requestTimeout().toMillis())).thenApply(done -> null);
    }

    /**
     * Keeps {@code message} hidden for {@code invisibleTime} from now (longer processing, or shorter
     * to have it redelivered sooner). The old receipt is spent: ack the returned message.
     *
     * @throws BrokerRefusedException with {@link ResponseCode#NO_MESSAGE} if the receipt is stale
     */
    public ReceivedMessage changeInvisibleTime(ReceivedMessage message, Duration invisibleTime) {
        return Rpc.await(changing(message, invisibleTime));
    }

    /** {@link #changeInvisibleTime} without blocking. */
    public CompletableFuture<ReceivedMessage> changeInvisibleTimeAsync(ReceivedMessage message, Duration invisibleTime) {
        return onCallbackThread(changing(message, invisibleTime));
    }

    private CompletableFuture<ReceivedMessage> changing(ReceivedMessage message, Duration invisibleTime) {
        checkOpen();
        long invisibleMillis = nonNegative(invisibleTime, "invisibleTime");
        PopReceipt receipt = message.receipt();
        String storedTopic = receipt.storedTopic(settings.group(), message.topic());
        RemotingCommand request = RemotingCommand.request(RequestCode.CHANGE_MESSAGE_INVISIBLETIME,
                new ChangeInvisibleTimeRequestHeader(settings.group(), storedTopic, receipt.queueId(),
                        receipt.extraInfo(), receipt.queueOffset(), invisibleMillis));
        return address(receipt, message.topic()).thenCompose(address ->
                runtime.rpc().call(address, request, settings.requestTimeout().toMillis())).thenApply(response -> {
                    ChangeInvisibleTimeResponseHeader header = response.header(ChangeInvisibleTimeResponseHeader.class);
                    return message.withReceipt(receipt.renewed(header.popTime(), header.invisibleTime(),
                            header.reviveQid()));
                });
    }

    /** The topics this consumer received from so far, announced in its heartbeats. */
    public Set<String> topics() {
        return Set.copyOf(subscriptions.keySet());
    }

    private PopRequest request(String topic, FilterExpression filter, int maxMessages, Duration invisibleTime,
                               Duration pollTimeout) {
        checkOpen();
        Topics.checkName(topic);
        Objects.requireNonNull(filter, "filter");
        if (maxMessages < 1 || maxMessages > PopSettings.MAX_BATCH) {
            throw new IllegalArgumentException("maxMessages must be 1.." + PopSettings.MAX_BATCH + ", not " + maxMessages);
        }
        PopRequest request = new PopRequest(topic, filter, maxMessages, nonNegative(invisibleTime, "invisibleTime"),
                nonNegative(pollTimeout, "pollTimeout"));
        subscribe(topic, filter);
        return request;
    }

    /** Announces a new topic or filter at once, so the broker knows the group before its first pop is answered. */
    private void subscribe(String topic, FilterExpression filter) {
        SubscriptionData wanted = new SubscriptionData(topic, filter.expression(), filter.tags(),
                filter.tags().stream().map(String::hashCode).collect(Collectors.toSet()), filter.type(),
                System.currentTimeMillis(), false);
        SubscriptionData before = subscriptions.get(topic);
        if (before == null || !before.subString().equals(wanted.subString())
                || !before.expressionType().equals(wanted.expressionType())) {
            subscriptions.put(topic, wanted);
            runtime.sendHeartbeats();
        }
    }

    private CompletableFuture<String> address(PopReceipt receipt, String topic) {
        String known = runtime.routes().masterAddress(receipt.brokerName());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return runtime.routes().refresh(topic).thenApply(route -> {
            String address = route.masterAddress(receipt.brokerName());
            if (address == null) {
                throw new NoRouteException(topic, "broker " + receipt.brokerName() + " that handed out the message "
                        + "has no master now");
            }
            return address;
        });
    }

    private <T> CompletableFuture<T> onCallbackThread(CompletableFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        future.whenComplete((value, failure) -> runtime.callbackExecutor().execute(() -> {
            if (failure != null) {
                result.completeExceptionally(Rpc.unwrap(failure));
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private static long nonNegative(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + duration);
        }
        return duration.toMillis();
    }

    private void checkOpen() {
        if (closed) {
            throw new ClientClosedException("pop consumer " + settings.group());
        }
    }

    /** Leaves the group on every broker, then closes the runtime if the consumer made it. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.close();
        if (ownsRuntime) {
            runtime.close();
        }
    }

    @Override
    public String toString() {
        return "PopConsumer[group=" + settings.group() + ", " + runtime + "]";
    }

    /**
     * Builds a {@link PopConsumer}: a group, and either name servers (the consumer makes and owns its
     * runtime) or a shared {@link #runtime(ClientRuntime)}.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private String group;
        private boolean startFromLast;
        private boolean keepUnmatched;
        private Duration requestTimeout = Duration.ofSeconds(3);
        private Duration retryTopicCheck = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The consumer group (required). */
        public Builder group(String name) {
            this.group = name;
            return this;
        }

        /** Where a group new to a queue starts: at its end (true) or at its first message (false, the default). */
        public Builder startFromLast(boolean fromLast) {
            this.startFromLast = fromLast;
            return this;
        }

        /**
         * Whether messages a receive's filter rejects stay for the group's other receives (true; Apogee
         * brokers only) or count as consumed by the group, as RocketMQ does (false, the default).
         */
        public Builder keepUnmatched(boolean keep) {
            this.keepUnmatched = keep;
            return this;
        }

        /** Timeout of acks, changes of invisible time, and of pops beyond their poll time (default 3 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How often to look again for a missing pop retry topic (default 30 s). */
        public Builder retryTopicCheck(Duration interval) {
            this.retryTopicCheck = interval;
            return this;
        }

        /** The settings this builder describes. */
        public PopSettings settings() {
            return new PopSettings(group, startFromLast, keepUnmatched, requestTimeout, retryTopicCheck);
        }

        /**
         * Builds the consumer.
         *
         * @throws IllegalArgumentException if a setting is invalid (no group, no name server, ...)
         */
        public PopConsumer build() {
            PopSettings settings = settings();
            return buildOn("consumer", (use, owned) -> new PopConsumer(settings, use, owned));
        }
    }
}
