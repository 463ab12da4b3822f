package dev.apogee.broker.processor;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.QueryMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.QueryMessageResponseHeader;
import dev.apogee.remoting.protocol.header.broker.ViewMessageRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** QUERY_MESSAGE (12) by key or unique id, and VIEW_MESSAGE_BY_ID (33) by commit-log offset. */
public final class QueryMessageProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.QUERY_MESSAGE, RequestCode.VIEW_MESSAGE_BY_ID};
    /** What a unique-id query returns at most, as the official broker caps it. */
    private static final int UNIQUE_KEY_MAX = 32;
    private static final int MAX_RESULTS = 64;

    private final MessageStore store;

    public QueryMessageProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(request.code() == RequestCode.QUERY_MESSAGE
                ? query(request) : view(request));
    }

    private RemotingCommand query(RemotingCommand request) {
        QueryMessageRequestHeader header = request.header(QueryMessageRequestHeader.class);
        int max = Boolean.TRUE.equals(header.uniqueKeyQuery()) ? UNIQUE_KEY_MAX
                : Math.max(1, Math.min(header.maxNum(), MAX_RESULTS));
        List<ByteBuffer> found = store.queryByKey(header.topic(), header.key(), max, header.beginTimestamp(),
                header.endTimestamp());
        if (found.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "can not find message, maybe time range not correct");
        }
        int size = 0;
        for (ByteBuffer record : found) {
            size += record.remaining();
        }
        byte[] body = new byte[size];
        int at = 0;
        for (ByteBuffer record : found) {
            int length = record.remaining();
            record.duplicate().get(body, at, length);
            at += length;
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new QueryMessageResponseHeader(System.currentTimeMillis(), store.dispatchedOffset()), body);
    }

    private RemotingCommand view(RemotingCommand request) {
        ViewMessageRequestHeader header = request.header(ViewMessageRequestHeader.class);
        ByteBuffer record = store.recordAt(header.offset());
        if (record == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "can not find message by the offset, " + header.offset());
        }
        byte[] body = new byte[record.remaining()];
        record.duplicate().get(body);
        return RemotingCommand.success(request, body);
    }
}
