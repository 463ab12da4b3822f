package dev.apogee.client.producer;

import dev.apogee.client.BackPressureException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientBuilder;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.core.HeartbeatContributor;
import dev.apogee.client.message.CompressionType;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.HeartbeatData.ProducerData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends messages to brokers: synchronously, asynchronously, oneway, in batches, or in order through a
 * {@link MessageQueueSelector}.
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder().nameServers("127.0.0.1:9876").group("orders").build()) {
 *     SendResult sent = producer.send(Message.of("OrderEvents", body).tags("created").keys("order-42"));
 * }
 * }</pre>
 *
 * <p>Sends spread over the topic's queues round robin, alternating brokers and keeping away from a
 * broker that just failed or was slow ({@link BrokerFaults}). A send failing with a network error or a
 * retriable refusal (SYSTEM_BUSY, SYSTEM_ERROR, ...) is tried again on another broker, up to the
 * configured retries and within the send timeout. Bodies from the compression threshold up are sent
 * compressed (zlib unless {@link Builder#compressionType} says otherwise); every message gets a unique id ({@code UNIQ_KEY}).
 *
 * <p><b>Back pressure:</b> at most {@code maxInFlightAsync} asynchronous sends are outstanding; a
 * further {@link #sendAsync} <em>blocks the calling thread</em> until one finishes, at most
 * {@code backPressureWait} (default: the send timeout), and then throws {@link BackPressureException}.
 *
 * <p>Thread-safe. {@link #close()} waits (bounded) for asynchronous sends in flight, then leaves the
 * group on every broker and, if the producer made its own runtime, closes it.
 */
public class Producer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Producer.class);

    private final ProducerSettings settings;
    private final ClientRuntime runtime;
    private final boolean ownsRuntime;
    private final PublishRoutes publishRoutes;
    private final Sender sender;
    private final AsyncPermits permits;
    private final Registration heartbeat;
    private volatile boolean closed;

    Producer(ProducerSettings settings, ClientRuntime runtime, boolean ownsRuntime) {
        this.settings = settings;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.publishRoutes = new PublishRoutes(runtime.routes(), settings.defaultTopicQueueNums());
        this.sender = new Sender(settings, runtime.rpc(), runtime.routes(), publishRoutes,
                new BrokerFaults(settings.faults()));
        this.permits = new AsyncPermits(settings.maxInFlightAsync(), "producer " + settings.group());
        List<ProducerData> announced = List.of(new ProducerData(settings.group()));
        this.heartbeat = runtime.addHeartbeatContributor(new HeartbeatContributor() {
            @Override
            public List<ProducerData> producers() {
                return announced;
            }

            @Override
            public String toString() {
                return "producer group " + settings.group();
            }
        });
    }

    /** A builder of a producer. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings it was built with. */
    public ProducerSettings settings() {
        return settings;
    }

    /** The runtime it sends through (shared or its own). */
    public ClientRuntime runtime() {
        return runtime;
    }

    /**
     * Sends {@code message} and waits for the broker's answer, retrying on other brokers as configured.
     *
     * @throws InvalidMessageException if the message may not be sent (system topic, body too large)
     * @throws ClientException         if every attempt failed ({@link dev.apogee.client.BrokerRefusedException}
     *                                 with the broker's code, {@link dev.apogee.client.NetworkException}, ...)
     */
    public SendResult send(Message message) {
        return Rpc.await(sendPrepared(prepare(message, Map.of(), 0)));
    }

    /** {@link #send(Message)} for a message prepared by a subclass (transactions). */
    CompletableFuture<SendResult> sendPrepared(PreparedSend prepared) {
        checkOpen();
        return sender.send(prepared, settings.syncRetries(), settings.retryWhenNotStored());
    }

    PreparedSend prepare(Message message, Map<String, String> extraProperties, int extraSysFlag) {
        return PreparedSend.single(message, settings, extraProperties, extraSysFlag);
    }

    /**
     * Sends {@code message} without waiting; the future completes on a client callback thread with the
     * result or the failure. Blocks while too many asynchronous sends are in flight (see the class
     * description).
     *
     * @throws InvalidMessageException if the message may not be sent
     * @throws BackPressureException   if no send slot freed up within the back-pressure wait
     * @throws ClientClosedException   if the producer is closed
     */
    public CompletableFuture<SendResult> sendAsync(Message message) {
        PreparedSend prepared = prepare(message, Map.of(), 0);
        return async(() -> sender.send(prepared, settings.asyncRetries(), false));
    }

    /**
     * Sends {@code message} to the queue {@code selector} picks for {@code key} and waits. Not retried
     * on another queue: that would break the order.
     */
    public SendResult send(Message message, MessageQueueSelector selector, Object key) {
        return Rpc.await(sendOrdered(message, selector, key));
    }

    /** {@link #send(Message, MessageQueueSelector, Object)} without waiting (back pressure as {@link #sendAsync}). */
    public CompletableFuture<SendResult> sendAsync(Message message, MessageQueueSelector selector, Object key) {
        return async(() -> sendOrdered(message, selector, key));
    }

    private CompletableFuture<SendResult> sendOrdered(Message message, MessageQueueSelector selector, Object key) {
        checkOpen();
        return sendPreparedOrdered(prepare(message, Map.of(), 0), message, selector, key);
    }

    /** Sends a message prepared by a subclass to the queue {@code selector} picks, once (no other queue). */
    CompletableFuture<SendResult> sendPreparedOrdered(PreparedSend prepared, Message message,
                                                      MessageQueueSelector selector, Object key) {
        checkOpen();
        return publishRoutes.queues(message.topic()).thenCompose(queues -> {
            MessageQueue queue = selector.select(queues, message, key);
            if (queue == null || !queues.contains(queue)) {
                throw new IllegalArgumentException("the selector " + selector + " chose " + queue
                        + ", which is not a writable queue of " + message.topic());
            }
            return sender.once(prepared, queue, settings.sendTimeout().toMillis());
        });
    }

    /**
     * Sends {@code message} and does not wait for any answer: the future completes once the request is
     * written (or fails if it could not be). Fastest, and the message may be lost.
     */
    public CompletableFuture<Void> sendOneway(Message message) {
        checkOpen();
        return sender.oneway(prepare(message, Map.of(), 0));
    }

    /**
     * Sends {@code messages} as one batch (SEND_BATCH_MESSAGE: one request, one queue, stored together)
     * and waits. All must have the same topic and no delay; the batch's size counts against the body limit.
     *
     * @throws InvalidMessageException if the batch breaks one of those rules
     */
    public SendResult sendBatch(Collection<Message> messages) {
        return Rpc.await(sendPrepared(PreparedSend.batch(List.copyOf(messages), settings)));
    }

    /** The queues of {@code topic} ordered sends choose from (by broker name, then queue id). */
    public List<MessageQueue> queues(String topic) {
        return Rpc.await(publishRoutes.queues(topic));
    }

    /** Asynchronous sends in flight now. */
    public int inFlightAsync() {
        return permits.inFlight();
    }

    private CompletableFuture<SendResult> async(java.util.function.Supplier<CompletableFuture<SendResult>> send) {
        checkOpen();
        permits.acquire(settings.backPressureWait().toMillis());
        CompletableFuture<SendResult> sending;
        try {
            sending = send.get();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        sending.whenComplete((sent, failure) -> {
            permits.release();
            // Callers' callbacks run on the client's callback threads, never on an I/O thread.
            runtime.callbackExecutor().execute(() -> {
                if (failure != null) {
                    result.completeExceptionally(Rpc.unwrap(failure));
                } else {
                    result.complete(sent);
                }
            });
        });
        return result;
    }

    void checkOpen() {
        if (closed) {
            throw new ClientClosedException("producer " + settings.group());
        }
    }

    /**
     * Waits at most the close timeout for asynchronous sends in flight, leaves the group on every broker,
     * then closes the runtime if the producer made it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!permits.closeAndAwaitIdle(settings.closeTimeout().toMillis())) {
            LOG.warn("producer {} closed with {} asynchronous sends still in flight after {}", settings.group(),
                    permits.inFlight(), settings.closeTimeout());
        }
        closeExtras();
        heartbeat.close();
        if (ownsRuntime) {
            runtime.close();
        }
    }

    /** What a subclass unregisters before the producer leaves its group. */
    void closeExtras() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[group=" + settings.group() + ", " + runtime + "]";
    }

    /**
     * Builds a {@link Producer}: a group, and either name servers (the producer makes and owns its
     * runtime) or a shared {@link #runtime(ClientRuntime)}.
     */
    public static class Builder extends ClientBuilder<Builder> {
        private String group;
        private Duration sendTimeout = Duration.ofSeconds(3);
        private int syncRetries = 2;
        private int asyncRetries = 2;
        private int maxBodySize = 4 * 1024 * 1024;
        private int compressThreshold = 4 * 1024;
        private int compressLevel = 5;
        private CompressionType compressType = CompressionType.ZLIB;
        private int maxInFlightAsync = 1024;
        private Duration backPressureWait;
        private int defaultTopicQueueNums = 4;
        private boolean retryWhenNotStored;
        private Set<Integer> retryCodes = ProducerSettings.DEFAULT_RETRY_CODES;
        private BrokerFaults.Policy faults = BrokerFaults.Policy.defaults();
        private Duration closeTimeout = Duration.ofSeconds(5);

        Builder() {
        }






        /** The producer group (required). */
        public Builder group(String name) {
            this.group = name;
            return this;
        }

        /** Time for one whole send, retries included (default 3 s). */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = timeout;
            return this;
        }

        /** Further attempts after a retriable failure: synchronous sends (default 2). */
        public Builder retries(int retries) {
            this.syncRetries = retries;
            return this;
        }

        /** Further attempts after a retriable failure: asynchronous sends (default 2). */
        public Builder asyncRetries(int retries) {
            this.asyncRetries = retries;
            return this;
        }

        /** Largest body accepted, in bytes (default 4 MiB). */
        public Builder maxBodySize(int bytes) {
            this.maxBodySize = bytes;
            return this;
        }

        /** Bodies of at least this many bytes are compressed (default 4 KiB), at zlib {@code level} (default 5). */
        public Builder compression(int thresholdBytes, int level) {
            this.compressThreshold = thresholdBytes;
            this.compressLevel = level;
            return this;
        }

        /**
         * The algorithm bodies are compressed with (default {@link CompressionType#ZLIB}, as the official
         * client's). LZ4 and ZSTD bodies are read by 5.x consumers only; 4.x consumers read zlib alone.
         */
        public Builder compressionType(CompressionType type) {
            this.compressType = type;
            return this;
        }

        /**
         * At most {@code max} asynchronous sends in flight (default 1024); a further one blocks up to
         * {@code wait} (default: the send timeout), then throws {@link BackPressureException}.
         */
        public Builder backPressure(int max, Duration wait) {
            this.maxInFlightAsync = max;
            this.backPressureWait = wait;
            return this;
        }

        /** Queues per broker of a topic created by its first send (default 4). */
        public Builder defaultTopicQueueNums(int queues) {
            this.defaultTopicQueueNums = queues;
            return this;
        }

        /** Also retry a synchronous send stored with a status other than SEND_OK (default false). */
        public Builder retryWhenNotStored(boolean retry) {
            this.retryWhenNotStored = retry;
            return this;
        }

        /** The broker response codes retried on another broker (default: the official producer's). */
        public Builder retryCodes(Set<Integer> codes) {
            this.retryCodes = codes;
            return this;
        }

        /** How slow or failed brokers are avoided (default {@link BrokerFaults.Policy#defaults()}). */
        public Builder faultAvoidance(BrokerFaults.Policy policy) {
            this.faults = policy;
            return this;
        }

        /** How long close waits for asynchronous sends in flight (default 5 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /** The producer settings this builder describes. */
        public ProducerSettings settings() {
            return new ProducerSettings(group, sendTimeout, syncRetries, asyncRetries, maxBodySize, compressThreshold,
                    compressType, compressLevel, maxInFlightAsync, backPressureWait == null ? sendTimeout : backPressureWait,
                    defaultTopicQueueNums, retryWhenNotStored, retryCodes, faults, closeTimeout);
        }

        /**
         * Builds a producer that also sends transactional messages, answering the broker's checks of
         * this group's half messages with {@code checker}.
         *
         * @throws IllegalArgumentException if a setting is invalid
         * @throws IllegalStateException    if the shared runtime already has a checker for the group
         */
        public TransactionProducer buildTransactional(TransactionChecker checker) {
            java.util.Objects.requireNonNull(checker, "checker");
            ProducerSettings settings = settings();
            return buildOn("producer", (use, owned) -> new TransactionProducer(settings, use, owned, checker));
        }

        /**
         * Builds the producer.
         *
         * @throws IllegalArgumentException if a setting is invalid (no group, no name server, ...)
         */
        public Producer build() {
            ProducerSettings settings = settings();
            return buildOn("producer", (use, owned) -> new Producer(settings, use, owned));
        }
    }
}
