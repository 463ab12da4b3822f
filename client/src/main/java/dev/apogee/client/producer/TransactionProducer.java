package dev.apogee.client.producer;

import dev.apogee.client.ClientException;
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

    private void endTransaction(Message message, SendResult half, TransactionState state) {
        String broker = runtime().routes().masterAddress(half.queue().brokerName());
        if (broker == null) {
            LOG.warn("no address of broker {} to end transaction {}; the broker will check it",
                    half.queue().brokerName(), half.messageId());
            return;
        }
        long commitLogOffset = MessageIds.decode(half.offsetMessageId()).physicalOffset();
        EndTransactionRequestHeader header = new EndTransactionRequestHeader(message.topic(), settings().group(),
                half.queueOffset(), commitLogOffset, TransactionChecks.typeOf(state), false, half.messageId(),
                half.transactionId());
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
