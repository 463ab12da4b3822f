package dev.apogee.broker.processor;

import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.ConsumerQueueRequestHeader;
import dev.apogee.remoting.protocol.header.broker.OffsetResponseHeader;
import dev.apogee.remoting.protocol.header.broker.QueueRequestHeader;
import dev.apogee.remoting.protocol.header.broker.SearchOffsetRequestHeader;
import dev.apogee.remoting.protocol.header.broker.TimestampResponseHeader;
import dev.apogee.remoting.protocol.header.broker.UpdateConsumerOffsetRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer offsets and queue bounds: QUERY_CONSUMER_OFFSET (14), UPDATE_CONSUMER_OFFSET (15),
 * GET_MAX_OFFSET (30), GET_MIN_OFFSET (31), SEARCH_OFFSET_BY_TIMESTAMP (29), GET_EARLIEST_MSG_STORETIME (32).
 */
public final class ConsumerOffsetProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.QUERY_CONSUMER_OFFSET, RequestCode.UPDATE_CONSUMER_OFFSET,
        RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
        RequestCode.GET_EARLIEST_MSG_STORETIME};

    private final ConsumerOffsetStore offsets;
    private final MessageStore store;

    public ConsumerOffsetProcessor(ConsumerOffsetStore offsets, MessageStore store) {
        this.offsets = offsets;
        this.store = store;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.QUERY_CONSUMER_OFFSET -> query(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> {
                UpdateConsumerOffsetRequestHeader header = request.header(UpdateConsumerOffsetRequestHeader.class);
                offsets.commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            case RequestCode.GET_MAX_OFFSET -> {
                QueueRequestHeader header = request.header(QueueRequestHeader.class);
                yield RemotingCommand.success(request,
                        new OffsetResponseHeader(store.maxOffset(header.topic(), header.queueId())));
            }
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> {
                SearchOffsetRequestHeader header = request.header(SearchOffsetRequestHeader.class);
                boolean upper = "UPPER".equalsIgnoreCase(header.boundaryType());
                yield RemotingCommand.success(request, new OffsetResponseHeader(
                        store.offsetForTime(header.topic(), header.queueId(), header.timestamp(), upper)));
            }
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> {
                QueueRequestHeader header = request.header(QueueRequestHeader.class);
                long first = store.minOffset(header.topic(), header.queueId());
                yield RemotingCommand.success(request, new TimestampResponseHeader(
                        Math.max(0, store.storeTimestamp(header.topic(), header.queueId(), first))));
            }
            default -> {
                QueueRequestHeader header = request.header(QueueRequestHeader.class);
                yield RemotingCommand.success(request,
                        new OffsetResponseHeader(store.minOffset(header.topic(), header.queueId())));
            }
        });
    }

    /**
     * A group's committed offset. A group without one on a queue that still starts at offset 0 is
     * told 0, as the official broker tells a new group on a young topic, so it sees the topic's first
     * messages whatever its consume-from setting; otherwise QUERY_NOT_FOUND lets the client apply it.
     */
    private RemotingCommand query(RemotingCommand request) {
        ConsumerQueueRequestHeader header = request.header(ConsumerQueueRequestHeader.class);
        long offset = offsets.get(header.consumerGroup(), header.topic(), header.queueId());
        if (offset >= 0) {
            return RemotingCommand.success(request, new OffsetResponseHeader(offset));
        }
        if (Boolean.TRUE.equals(header.setZeroIfNotFound()) || store.minOffset(header.topic(), header.queueId()) == 0) {
            return RemotingCommand.success(request, new OffsetResponseHeader(0));
        }
        return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND, "no committed offset");
    }
}
