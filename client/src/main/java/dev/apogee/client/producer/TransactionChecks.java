package dev.apogee.client.producer;

import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.MessageViews;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.CheckTransactionStateRequestHeader;
import dev.apogee.remoting.protocol.header.broker.EndTransactionRequestHeader;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.remoting.transport.RequestContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A runtime's one handler of CHECK_TRANSACTION_STATE ({@link ClientRuntime#shared}): finds the checker
 * of the half message's producer group (its {@code PGROUP} property), asks it, and answers the broker
 * with a oneway END_TRANSACTION marked as coming from a check.
 */
final class TransactionChecks implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(TransactionChecks.class);

    private final ClientRuntime runtime;
    private final Map<String, TransactionChecker> checkers = new ConcurrentHashMap<>();
    private final Registration handler;

    TransactionChecks(ClientRuntime runtime) {
        this.runtime = runtime;
        this.handler = runtime.registerBrokerRequestHandler(RequestCode.CHECK_TRANSACTION_STATE, this::check);
    }

    /**
     * Answers checks of {@code group}'s half messages with {@code checker}.
     *
     * @throws IllegalStateException if the group already has a checker in this runtime
     */
    Registration register(String group, TransactionChecker checker) {
        if (checkers.putIfAbsent(group, checker) != null) {
            throw new IllegalStateException("producer group " + group + " already has a transaction checker in "
                    + runtime);
        }
        return () -> checkers.remove(group, checker);
    }

    private CompletableFuture<RemotingCommand> check(RequestContext context, RemotingCommand request) {
        CheckTransactionStateRequestHeader header = request.header(CheckTransactionStateRequestHeader.class);
        MessageView half = MessageViews.decodeOne(request.body());
        String group = half.property(MessageProperties.PRODUCER_GROUP);
        TransactionChecker checker = group == null ? null : checkers.get(group);
        if (checker == null) {
            LOG.warn("broker {} asked about half message {} of group {}, which has no transaction checker here",
                    context.remoteAddress(), half.messageId(), group);
            return CompletableFuture.completedFuture(null);
        }
        TransactionState state;
        try {
            state = checker.check(half);
            if (state == null) {
                state = TransactionState.UNKNOWN;
            }
        } catch (Exception e) {
            LOG.warn("transaction checker of group {} failed on {}; answering UNKNOWN", group, half.messageId(), e);
            state = TransactionState.UNKNOWN;
        }
        String uniqueId = half.property(MessageProperties.UNIQ_KEY);
        EndTransactionRequestHeader end = new EndTransactionRequestHeader(header.topic(), group,
                header.tranStateTableOffset(), header.commitLogOffset(), typeOf(state), true,
                uniqueId != null ? uniqueId : header.msgId(), header.transactionId());
        String broker = context.remoteAddress();
        runtime.rpc().oneway(broker, RemotingCommand.request(RequestCode.END_TRANSACTION, end))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not answer the transaction check of {} to {}: {}", half.messageId(), broker,
                                failure.getMessage());
                    }
                });
        // The check is oneway: nothing goes back on it.
        return CompletableFuture.completedFuture(null);
    }

    /** The transaction type END_TRANSACTION carries for {@code state}. */
    static int typeOf(TransactionState state) {
        return switch (state) {
            case COMMIT -> MessageSysFlag.TRANSACTION_COMMIT;
            case ROLLBACK -> MessageSysFlag.TRANSACTION_ROLLBACK;
            case UNKNOWN -> MessageSysFlag.TRANSACTION_NOT_TYPE;
        };
    }

    @Override
    public void close() {
        handler.close();
    }
}
