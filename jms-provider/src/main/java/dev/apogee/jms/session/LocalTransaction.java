package dev.apogee.jms.session;

import dev.apogee.client.ClientException;
import dev.apogee.client.message.InvalidMessageException;
import dev.apogee.client.message.Message;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.producer.ShardingKeySelector;
import dev.apogee.client.producer.TransactionState;
import dev.apogee.jms.connection.ConnectionServices;
import dev.apogee.jms.internal.JmsErrors;
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

    /**
     * Stores {@code message} as a half message of this transaction, in the queue {@code orderingKey} picks
     * (the producer's key or the JMSXGroupID), so that committed messages keep their send order as
     * non-transacted ones do. The checker answers UNKNOWN while the transaction is open.
     */
    public synchronized SendResult send(Message message, String orderingKey) throws JMSException {
        try {
            SendResult half = services.producer().sendHalf(message, ShardingKeySelector.INSTANCE, orderingKey);
            services.halfState(half.messageId(), TransactionState.UNKNOWN);
            halves.add(new Half(message, half));
            return half;
        } catch (ClientException | InvalidMessageException e) {
            throw JmsErrors.of("sending in a transaction to " + message.topic(), e);
        }
    }

    /** Makes every half message visible, in the order sent. */
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
                // One at a time and waited for: a queue's committed messages keep the order of the commits.
                services.producer().endTransaction(half.message().topic(), half.sent(), state);
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
}
