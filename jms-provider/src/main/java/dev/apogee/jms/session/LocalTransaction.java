package dev.apogee.jms.session;

import dev.apogee.client.ClientException;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.producer.TransactionState;
import dev.apogee.jms.connection.ConnectionServices;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.EndTransactionRequestHeader;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The sending half of a JMS local transaction, as RocketMQ transactional messages: each send stores a half
 * message (invisible to consumers) whose local transaction answers UNKNOWN, so the broker keeps it pending;
 * {@link #commit()} ends every half message with COMMIT (they become visible), {@link #rollback()} with
 * ROLLBACK. While the transaction is open, a broker check is answered UNKNOWN; once ended, as it ended; a
 * half message of a connection that died is rolled back when the broker's checks give up.
 */
public final class LocalTransaction {

    private static final Logger LOG = LogManager.getLogger(LocalTransaction.class);

    private final ConnectionServices services;
    private final List<Half> halves = new ArrayList<>();

    LocalTransaction(ConnectionServices services) {
        this.services = services;
    }

    private record Half(Message message, SendResult sent) {
    }

    /** Stores {@code message} as a half message of this transaction. */
    public synchronized SendResult send(Message message) throws JMSException {
        try {
            SendResult half = services.producer().sendInTransaction(message, (msg, stored) -> {
                services.halfState(stored.messageId(), TransactionState.UNKNOWN);
                return TransactionState.UNKNOWN;
            }).half();
            halves.add(new Half(message, half));
            return half;
        } catch (ClientException e) {
            throw JmsErrors.of("sending in a transaction to " + message.topic(), e);
        }
    }

    /** Makes every half message visible. */
    public synchronized void commit() throws JMSException {
        end(TransactionState.COMMIT);
    }

    /** Discards every half message. */
    public synchronized void rollback() throws JMSException {
        end(TransactionState.ROLLBACK);
    }

    private void end(TransactionState state) throws JMSException {
        JMSException failure = null;
        for (Half half : halves) {
            services.halfState(half.sent().messageId(), state);
            try {
                endOne(half, state);
            } catch (RuntimeException e) {
                LOG.warn("could not {} half message {}; the broker's check will", state, half.sent().messageId());
                if (failure == null) {
                    failure = JmsErrors.of("ending the transaction (" + state + ")", e);
                }
            }
        }
        halves.clear();
        if (failure != null && state == TransactionState.COMMIT) {
            throw failure;
        }
    }

    private void endOne(Half half, TransactionState state) {
        SendResult sent = half.sent();
        String broker = services.runtime().routes().masterAddress(sent.queue().brokerName());
        if (broker == null) {
            throw new dev.apogee.client.NoRouteException(half.message().topic(), "no address of broker " + sent.queue().brokerName());
        }
        long commitLogOffset = MessageIds.decode(sent.offsetMessageId()).physicalOffset();
        int type = state == TransactionState.COMMIT ? MessageSysFlag.TRANSACTION_COMMIT
                : MessageSysFlag.TRANSACTION_ROLLBACK;
        EndTransactionRequestHeader header = new EndTransactionRequestHeader(half.message().topic(),
                services.producer().settings().group(), sent.queueOffset(), commitLogOffset, type, false,
                sent.messageId(), sent.transactionId());
        services.runtime().rpc().call(broker, RemotingCommand.request(RequestCode.END_TRANSACTION, header),
                services.settings().sendTimeout().toMillis()).join();
    }
}
