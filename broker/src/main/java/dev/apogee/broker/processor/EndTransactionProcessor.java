package dev.apogee.broker.processor;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.schedule.Scheduling;
import dev.apogee.broker.transaction.TransactionLog;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.EndTransactionRequestHeader;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.transport.Addresses;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * END_TRANSACTION (37): a producer commits or rolls back a half message (usually oneway). A commit
 * stores the real message, through the delay and timer rules like any send.
 */
public final class EndTransactionProcessor implements RequestProcessor {

    private static final Logger LOG = LogManager.getLogger(EndTransactionProcessor.class);
    public static final int[] CODES = {RequestCode.END_TRANSACTION};

    private final TransactionLog transactions;
    private final MessageStore store;
    private final BrokerConfig config;

    public EndTransactionProcessor(TransactionLog transactions, MessageStore store, BrokerConfig config) {
        this.transactions = transactions;
        this.store = store;
        this.config = config;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        EndTransactionRequestHeader header = request.header(EndTransactionRequestHeader.class);
        return transactions.end(header.tranStateTableOffset(), header.commitLogOffset(), header.commitOrRollback(),
                header.producerGroup(), this::deliver).thenApply(outcome -> {
                    switch (outcome) {
                        case NOT_A_HALF_MESSAGE -> {
                            LOG.warn("END_TRANSACTION from {} names no half message (offset {}, queue offset {}, "
                                    + "group {})", Addresses.remote(context.channel()), header.commitLogOffset(),
                                    header.tranStateTableOffset(), header.producerGroup());
                            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                                    "no half message of group " + header.producerGroup() + " at offset "
                                            + header.commitLogOffset());
                        }
                        case ALREADY_RESOLVED -> LOG.debug("Half message {} was already resolved",
                                header.tranStateTableOffset());
                        default -> { }
                    }
                    return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
                });
    }

    private CompletableFuture<PutResult> deliver(MessageDraft message) {
        return store.put(Scheduling.route(message, System.currentTimeMillis(), config.tuning().timerMaxDelay()));
    }
}
