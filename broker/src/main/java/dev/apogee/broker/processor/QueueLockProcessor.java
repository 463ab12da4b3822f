package dev.apogee.broker.processor;

import dev.apogee.broker.lock.QueueLocks;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.LockBatchRequestBody;
import dev.apogee.remoting.protocol.body.LockBatchResponseBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.concurrent.CompletableFuture;

/** LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42): queue locks for orderly consumers. */
public final class QueueLockProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ};

    private final QueueLocks locks;

    public QueueLockProcessor(QueueLocks locks) {
        this.locks = locks;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        LockBatchRequestBody body = RemotingJson.decode(request.body(), LockBatchRequestBody.class);
        if (body.consumerGroup() == null || body.clientId() == null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "a lock request names its consumerGroup and clientId"));
        }
        if (request.code() == RequestCode.UNLOCK_BATCH_MQ) {
            locks.unlock(body.consumerGroup(), body.clientId(), body.mqSet());
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
        }
        var granted = locks.lock(body.consumerGroup(), body.clientId(), context.channel(), body.mqSet());
        return CompletableFuture.completedFuture(
                RemotingCommand.success(request, RemotingJson.encode(new LockBatchResponseBody(granted))));
    }
}
