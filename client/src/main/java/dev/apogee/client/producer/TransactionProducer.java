package dev.apogee.client.producer;

import dev.apogee.client.ClientException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.Message;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.EndTransactionRequestHeader;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A producer that also sends transactional messages: {@link #sendInTransaction} stores a half message
 * (invisible to consumers), runs the local transaction, and tells the broker to commit or roll back.
 * When the outcome is unknown (or the producer died), the broker later asks the group's
 * {@link TransactionChecker}, which this producer answers.
 *
 * <pre>{@code
 * try (TransactionProducer producer = Producer.builder().nameServers(ns).group("payments")
 *         .buildTransactional(half -> ledger.contains(half.messageId()) ? COMMIT : ROLLBACK)) {
 *     producer.sendInTransaction(message, (msg, half) -> { ledger.record(half.messageId()); return COMMIT; });
 * }
 * }</pre>
 */
public final class TransactionProducer extends Producer {

    private static final Logger LOG = LogManager.getLogger(TransactionProducer.class);

    private final Registration checks;

    TransactionProducer(ProducerSettings settings, ClientRuntime runtime, boolean ownsRuntime,
                        TransactionChecker checker) {
        super(settings, runtime, ownsRuntime);
        try {
            this.checks = runtime.shared(TransactionChecks.class, TransactionChecks::new)
                    .register(settings.group(), checker);
        } catch (RuntimeException e) {
            super.close();
            throw e;
        }
    }

    /**
     * Sends {@code message} as a half message, runs {@code local}, then commits or rolls it back as
     * {@code local} says (UNKNOWN, or an exception, leaves it to the checker).
     *
     * @throws ClientException if the half message could not be stored (then {@code local} is not run)
     */
    public TransactionSendResult sendInTransaction(Message message, LocalTransaction local) {
        Map<String, String> markers = Map.of(MessageProperties.TRAN_MSG, "true",
                MessageProperties.PRODUCER_GROUP, settings().group());
        SendResult half = Rpc.await(sendPrepared(prepare(message, markers, MessageSysFlag.TRANSACTION_PREPARED)));
        TransactionState state;
        if (half.status() != SendStatus.SEND_OK) {
            // Stored but not safely: the official producer rolls such a half message back.
            state = TransactionState.ROLLBACK;
        } else {
            try {
                state = local.execute(message, half);
                if (state == null) {
                    state = TransactionState.UNKNOWN;
                }
            } catch (Exception e) {
                LOG.warn("local transaction of {} failed; leaving it to the checker", half.messageId(), e);
                state = TransactionState.UNKNOWN;
            }
        }
        endTransaction(message, half, state);
        return new TransactionSendResult(half, state);
    }

    /**
     * Stores {@code message} as a half message (invisible to consumers) and returns; nothing ends it but
     * {@link #endTransaction(String, SendResult, TransactionState)} or, failing that, the broker's checks,
     * which the checker answers. For transactions that span several sends and end later (a JMS session's).
     *
     * @throws ClientException if the half message could not be stored
     */
    public SendResult sendHalf(Message message) {
        return Rpc.await(sendPrepared(prepareHalf(message)));
    }

    /**
     * {@link #sendHalf(Message)} to the queue {@code selector} picks for {@code key}, so that the messages of
     * one key keep their order once committed. Not retried on another queue.
     */
    public SendResult sendHalf(Message message, MessageQueueSelector selector, Object key) {
        return Rpc.await(sendPreparedOrdered(prepareHalf(message), message, selector, key));
    }

    private PreparedSend prepareHalf(Message message) {
        Map<String, String> markers = Map.of(MessageProperties.TRAN_MSG, "true",
                MessageProperties.PRODUCER_GROUP, settings().group());
        return prepare(message, markers, MessageSysFlag.TRANSACTION_PREPARED);
    }

    /**
     * Ends the half message {@code half} of {@code topic} with COMMIT (it becomes visible) or ROLLBACK, and
     * waits for the broker's answer (unlike {@link #sendInTransaction}, whose end is one-way).
     *
     * @throws IllegalArgumentException if {@code state} is UNKNOWN
     * @throws ClientException          if the broker cannot be reached or refuses (its checks will then end it)
     */
    public void endTransaction(String topic, SendResult half, TransactionState state) {
        Rpc.await(endTransactionAsync(topic, half, state));
    }

    /** {@link #endTransaction} without waiting. */
    public CompletableFuture<Void> endTransactionAsync(String topic, SendResult half, TransactionState state) {
        if (state == TransactionState.UNKNOWN) {
            throw new IllegalArgumentException("a transaction ends with COMMIT or ROLLBACK, not UNKNOWN");
        }
        checkOpen();
        String broker = runtime().routes().masterAddress(half.queue().brokerName());
        if (broker == null) {
            return CompletableFuture.failedFuture(new NoRouteException(topic,
                    "no address of broker " + half.queue().brokerName() + " to end " + half.messageId()));
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION,
                endHeader(topic, half, state));
        // call() fails with BrokerRefusedException on any answer but SUCCESS.
        return runtime().rpc().call(broker, request, settings().sendTimeout().toMillis()).thenApply(answer -> null);
    }

    private EndTransactionRequestHeader endHeader(String topic, SendResult half, TransactionState state) {
        long commitLogOffset = MessageIds.decode(half.offsetMessageId()).physicalOffset();
        return new EndTransactionRequestHeader(topic, settings().group(), half.queueOffset(), commitLogOffset,
                TransactionChecks.typeOf(state), false, half.messageId(), half.transactionId());
    }

    private void endTransaction(Message message, SendResult half, TransactionState state) {
        String broker = runtime().routes().masterAddress(half.queue().brokerName());
        if (broker == null) {
            LOG.warn("no address of broker {} to end transaction {}; the broker will check it",
                    half.queue().brokerName(), half.messageId());
            return;
        }
        EndTransactionRequestHeader header = endHeader(message.topic(), half, state);
        runtime().rpc().oneway(broker, RemotingCommand.request(RequestCode.END_TRANSACTION, header))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not end transaction {} on {} ({}); the broker will check it",
                                half.messageId(), broker, failure.getMessage());
                    }
                });
    }

    @Override
    void closeExtras() {
        checks.close();
    }
}
