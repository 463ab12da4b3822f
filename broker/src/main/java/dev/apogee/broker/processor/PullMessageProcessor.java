package dev.apogee.broker.processor;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.broker.filter.SqlFilters;
import dev.apogee.broker.filter.TagFilter;
import dev.apogee.selector.InvalidSelectorException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import dev.apogee.broker.longpolling.PullHold;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.protocol.header.broker.PullMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.PullMessageResponseHeader;
import dev.apogee.remoting.protocol.header.broker.PullSysFlag;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.GetResult;
import dev.apogee.store.MessageFilter;
import dev.apogee.store.MessageStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361): reads from a queue through the group's subscription
 * filter, stores the offset a push consumer piggybacks, and holds a pull that finds nothing until a
 * message arrives or its suspend timeout passes (long polling).
 */
public final class PullMessageProcessor implements RequestProcessor {

    private static final Logger LOG = LogManager.getLogger(PullMessageProcessor.class);
    public static final int[] CODES = {RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE};
    /** Push consumers ask for 256 KiB; lite-pull consumers ask for "no limit", which the frame limit caps. */
    private static final int MAX_BYTES = 8 << 20;
    private static final long MAX_SUSPEND_MILLIS = 30_000;

    private final MessageStore store;
    private final ClientRegistry clients;
    private final ConsumerOffsetStore offsets;
    private final PullHold hold;
    private final SqlFilters sqlFilters;
    private final boolean propertyFilter;
    private final TopicConfigStore topics;

    /**
     * @param topics         the topic configs, whose permission bits decide whether a topic may be pulled
     * @param propertyFilter whether SQL92 subscriptions are served
     */
    public PullMessageProcessor(MessageStore store, TopicConfigStore topics, ClientRegistry clients,
                                ConsumerOffsetStore offsets, PullHold hold, SqlFilters sqlFilters,
                                boolean propertyFilter) {
        this.store = store;
        this.topics = topics;
        this.clients = clients;
        this.offsets = offsets;
        this.hold = hold;
        this.sqlFilters = sqlFilters;
        this.propertyFilter = propertyFilter;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        pull(request, true, answer);
        return answer;
    }

    private void pull(RemotingCommand request, boolean mayHold, CompletableFuture<RemotingCommand> answer) {
        PullMessageRequestHeader header = request.header(PullMessageRequestHeader.class);
        // As the official broker: a topic whose read permission was taken away answers NO_PERMISSION
        // (checked again when a held pull wakes up). A topic without a config is left to the store, which
        // has always answered for queues it does not know (retry topics are created lazily).
        var topic = topics.get(header.topic());
        if (topic != null && !TopicPerm.isReadable(topic.perm())) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.NO_PERMISSION,
                    "the topic[" + header.topic() + "] pulling message is forbidden"));
            return;
        }
        MessageFilter filter;
        String expressionType;
        String expression;
        if (PullSysFlag.has(header.sysFlag(), PullSysFlag.SUBSCRIPTION)) {
            expressionType = header.expressionType();
            expression = header.subscription();
        } else {
            ClientRegistry.ConsumerGroup group = clients.consumerGroup(header.consumerGroup());
            HeartbeatData.SubscriptionData subscription = group == null ? null : group.subscription(header.topic());
            if (subscription == null) {
                answer.complete(RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_NOT_EXIST,
                        "group " + header.consumerGroup() + " has no subscription to " + header.topic()));
                return;
            }
            // A newer version in the request than in the last heartbeat almost always means only that
            // the client rebalanced (which bumps the version) and skipped the heartbeat that should have
            // followed (the 5.x client drops it when another heartbeat holds its lock). Refusing would
            // stall the queue until the next heartbeat, 30 s later, so the expression on record is
            // served, tags and SQL92 alike. The cost: a consumer that re-subscribes with a new SQL92
            // expression may, until its next heartbeat lands, get messages its old one selected
            // (a new expression is normally announced at once by the subscribe call's own heartbeat).
            expressionType = subscription.expressionType();
            expression = subscription.subString();
        }
        if (!SqlFilters.isSql(expressionType)) {
            filter = TagFilter.of(expression);
        } else if (!propertyFilter) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The broker does not support consumer to filter message by " + expressionType
                            + " (property-filter is off)"));
            return;
        } else {
            try {
                filter = sqlFilters.filter(expressionType, expression);
            } catch (InvalidSelectorException e) {
                LOG.info("Pull of group {} on {} with a bad {} expression: {}", header.consumerGroup(),
                        header.topic(), expressionType, e.getMessage());
                answer.complete(RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                        e.getMessage()));
                return;
            }
        }
        if (mayHold && PullSysFlag.has(header.sysFlag(), PullSysFlag.COMMIT_OFFSET) && header.commitOffset() >= 0) {
            offsets.commitForward(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        }
        int maxBytes = header.maxMsgBytes() == null ? MAX_BYTES : Math.min(MAX_BYTES, Math.max(1, header.maxMsgBytes()));
        GetResult result = store.get(header.topic(), header.queueId(), header.queueOffset(),
                Math.max(1, header.maxMsgNums()), maxBytes, filter);
        int code = responseCode(result, header.queueOffset());
        if (code == ResponseCode.PULL_NOT_FOUND && mayHold && PullSysFlag.has(header.sysFlag(), PullSysFlag.SUSPEND)) {
            long waitMillis = Math.min(MAX_SUSPEND_MILLIS, Math.max(0, header.suspendTimeoutMillis()));
            hold.park(header.topic(), header.queueId(), new PullHold.Parked(header.queueOffset(),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis),
                    () -> pull(request, false, answer)));
            // A message may have arrived between the read and the parking: wake it up then.
            long max = store.maxOffset(header.topic(), header.queueId());
            if (max > header.queueOffset()) {
                hold.onDispatch(header.topic(), header.queueId(), max, 0);
            }
            return;
        }
        RemotingCommand response = RemotingCommand.responseTo(request, code, result.status().name(),
                new PullMessageResponseHeader(0, result.nextBeginOffset(), result.minOffset(), result.maxOffset()),
                null);
        // The records go out as the store's read-only views of its mapped files: no copy on the way.
        answer.complete(code == ResponseCode.SUCCESS ? response.withBodyParts(result.messages()) : response);
    }

    /** The official broker's mapping of store read results to pull response codes. */
    private static int responseCode(GetResult result, long requestedOffset) {
        return switch (result.status()) {
            case FOUND -> ResponseCode.SUCCESS;
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE -> ResponseCode.PULL_NOT_FOUND;
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE ->
                    requestedOffset == 0 ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
            case OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL -> ResponseCode.PULL_OFFSET_MOVED;
        };
    }
}
