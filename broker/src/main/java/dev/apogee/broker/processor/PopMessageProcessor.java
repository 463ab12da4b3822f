package dev.apogee.broker.processor;

import dev.apogee.broker.filter.MessagePredicates;
import dev.apogee.broker.longpolling.PullHold;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.pop.PopLeases;
import dev.apogee.broker.pop.PopReceipt;
import dev.apogee.broker.topic.GroupTopics;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BatchAck;
import dev.apogee.remoting.protocol.body.BatchAckRequestBody;
import dev.apogee.remoting.protocol.body.BodyException;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.header.broker.AckMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ChangeInvisibleTimeRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ChangeInvisibleTimeResponseHeader;
import dev.apogee.remoting.protocol.header.broker.PopMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.PopMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * POP_MESSAGE (200050), ACK_MESSAGE (200051), BATCH_ACK_MESSAGE (200151) and CHANGE_MESSAGE_INVISIBLETIME (200053): message-level
 * consumption shared by any number of consumers of a group ({@link PopLeases}). A pop that finds
 * nothing waits up to its poll time for a message to arrive in any of the queues it asked about.
 */
public final class PopMessageProcessor implements RequestProcessor {

    private static final Logger LOG = LogManager.getLogger(PopMessageProcessor.class);
    public static final int[] CODES = {RequestCode.POP_MESSAGE, RequestCode.ACK_MESSAGE,
        RequestCode.BATCH_ACK_MESSAGE, RequestCode.CHANGE_MESSAGE_INVISIBLETIME};
    private static final long MAX_POLL_MILLIS = 30_000;
    private static final int MAX_BATCH = 32;
    /** Acknowledgements one BATCH_ACK_MESSAGE may carry: far more than any client's pops leave unacked. */
    static final int MAX_BATCH_ACKS = 8_192;

    private final PopLeases leases;
    private final TopicConfigStore topics;
    private final MessageStore store;
    private final PullHold hold;
    private final GroupTopics groupTopics;
    private final MessagePredicates predicates;

    public PopMessageProcessor(PopLeases leases, TopicConfigStore topics, MessageStore store, PullHold hold,
                               Runnable topicsChanged, MessagePredicates predicates) {
        this.leases = leases;
        this.topics = topics;
        this.store = store;
        this.hold = hold;
        this.groupTopics = new GroupTopics(topics, topicsChanged);
        this.predicates = predicates;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        return switch (request.code()) {
            case RequestCode.POP_MESSAGE -> {
                CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
                pop(request, true, new AtomicBoolean(), answer);
                yield answer;
            }
            case RequestCode.ACK_MESSAGE -> CompletableFuture.completedFuture(ack(request));
            case RequestCode.BATCH_ACK_MESSAGE -> CompletableFuture.completedFuture(batchAck(context, request));
            default -> CompletableFuture.completedFuture(changeInvisibleTime(request));
        };
    }

    private void pop(RemotingCommand request, boolean mayHold, AtomicBoolean answered,
                     CompletableFuture<RemotingCommand> answer) throws SQLException {
        PopMessageRequestHeader header = request.header(PopMessageRequestHeader.class);
        TopicConfig topic = topics.get(header.topic());
        if (topic == null) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "topic " + header.topic() + " does not exist"));
            return;
        }
        if (!TopicPerm.isReadable(topic.perm())) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.NO_PERMISSION,
                    "topic " + header.topic() + " is not readable"));
            return;
        }
        if (header.queueId() >= topic.readQueueNums() || header.invisibleTime() < 0 || header.maxMsgNums() < 1) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "queue " + header.queueId() + " of " + topic.readQueueNums() + ", invisible time "
                            + header.invisibleTime() + " and batch " + header.maxMsgNums() + ": not a valid pop"));
            return;
        }
        Predicate<StoredMessage> filter;
        try {
            filter = predicates.of(header.expType(), header.exp());
        } catch (IllegalArgumentException e) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, e.getMessage()));
            return;
        }
        List<Integer> queueIds = queueIds(header.queueId(), topic.readQueueNums());
        // Queue ends before reading: a message arriving after this wakes a held pop at once.
        long[] endsBefore = new long[queueIds.size()];
        for (int i = 0; i < endsBefore.length; i++) {
            endsBefore[i] = store.maxOffset(header.topic(), queueIds.get(i));
        }
        long now = System.currentTimeMillis();
        int max = Math.min(MAX_BATCH, header.maxMsgNums());
        List<PopLeases.HandOut> handOuts = new ArrayList<>();
        long remaining = 0;
        for (int queueId : queueIds) {
            if (handOuts.size() < max) {
                PopLeases.Found found = leases.pop(header.consumerGroup(), header.topic(), queueId,
                        max - handOuts.size(), header.invisibleTime(), header.initMode() == 1, header.isOrder(), filter,
                        header.isKeepUnmatched(), now);
                handOuts.addAll(found.handOuts());
                remaining += found.remaining();
                deadLetter(header.consumerGroup(), header.topic(), queueId, found.exhausted());
            } else {
                remaining += Math.max(0, store.maxOffset(header.topic(), queueId));
            }
        }
        if (handOuts.isEmpty() && mayHold && header.pollTime() > 0) {
            // Wake at the poll's end, or earlier when a hand-out lapses and its message is available again.
            long waitMillis = Math.min(MAX_POLL_MILLIS, header.pollTime());
            for (int queueId : queueIds) {
                long lapse = leases.nextLapse(header.consumerGroup(), header.topic(), queueId, now);
                if (lapse != Long.MAX_VALUE) {
                    waitMillis = Math.min(waitMillis, Math.max(1, lapse - now));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            Runnable rerun = () -> {
                if (answered.compareAndSet(false, true)) {
                    try {
                        pop(request, false, answered, answer);
                    } catch (SQLException | RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                }
            };
            for (int i = 0; i < endsBefore.length; i++) {
                hold.park(header.topic(), queueIds.get(i), new PullHold.Parked(endsBefore[i], deadline, rerun));
                long end = store.maxOffset(header.topic(), queueIds.get(i));
                if (end > endsBefore[i]) {
                    hold.onDispatch(header.topic(), queueIds.get(i), end, 0);
                }
            }
            return;
        }
        if (handOuts.isEmpty()) {
            answer.complete(RemotingCommand.responseTo(request, ResponseCode.PULL_NOT_FOUND, "no new message",
                    new PopMessageResponseHeader(now, header.invisibleTime(), 0, remaining, null, null, null), null));
            return;
        }
        int size = 0;
        for (PopLeases.HandOut handOut : handOuts) {
            size += handOut.record().length;
        }
        byte[] body = new byte[size];
        int at = 0;
        for (PopLeases.HandOut handOut : handOuts) {
            System.arraycopy(handOut.record(), 0, body, at, handOut.record().length);
            at += handOut.record().length;
        }
        answer.complete(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new PopMessageResponseHeader(now, header.invisibleTime(), 0, remaining, null, null, null), body));
    }

    /** One queue, or every queue starting at a random one so that consumers spread over them. */
    private static List<Integer> queueIds(int requested, int readQueues) {
        if (requested >= 0) {
            return List.of(requested);
        }
        int first = ThreadLocalRandom.current().nextInt(readQueues);
        List<Integer> ids = new ArrayList<>(readQueues);
        for (int i = 0; i < readQueues; i++) {
            ids.add((first + i) % readQueues);
        }
        return ids;
    }

    /** Messages that went out too often go to the group's dead-letter topic, then count as consumed. */
    private void deadLetter(String group, String topic, int queueId, List<PopLeases.Exhausted> exhausted)
            throws SQLException {
        if (exhausted.isEmpty()) {
            return;
        }
        String deadLetters = SendBackProcessor.DLQ_PREFIX + group;
        groupTopics.ensure(deadLetters);
        for (PopLeases.Exhausted item : exhausted) {
            StoredMessage message = item.message();
            Map<String, String> properties = message.propertyMap();
            properties.putIfAbsent(MessageProperties.RETRY_TOPIC, message.topic());
            PutResult result = store.put(message.redraft(deadLetters, 0, MessageProperties.format(properties))).join();
            if (result.stored()) {
                leases.deadLettered(group, topic, queueId, message.queueOffset());
            }
        }
    }

    private RemotingCommand ack(RemotingCommand request) {
        AckMessageRequestHeader header = request.header(AckMessageRequestHeader.class);
        PopReceipt receipt;
        try {
            receipt = PopReceipt.parse(header.extraInfo());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, e.getMessage());
        }
        PopLeases.Settle settled = leases.ack(header.consumerGroup(), header.topic(), header.queueId(),
                header.offset(), receipt);
        return switch (settled) {
            case DONE, ALREADY_ACKED -> RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            case STALE_RECEIPT -> RemotingCommand.responseTo(request, ResponseCode.NO_MESSAGE,
                    "the receipt is stale: the message was handed out again after it lapsed");
            case NEVER_HANDED_OUT -> RemotingCommand.responseTo(request, ResponseCode.NO_MESSAGE,
                    "message " + header.offset() + " of queue " + header.queueId() + " was not handed out to "
                            + header.consumerGroup());
        };
    }

    /**
     * Settles every acknowledgement of the batch. As on Apache RocketMQ the answer is SUCCESS for the
     * batch as a whole: an entry whose hand-out lapsed (or that names nothing handed out) settles
     * nothing, which is what its single ACK_MESSAGE would have done too, and is only counted in the log.
     */
    private RemotingCommand batchAck(RequestContext context, RemotingCommand request) {
        BatchAckRequestBody body;
        try {
            body = RemotingJson.decode(request.body(), BatchAckRequestBody.class);
        } catch (BodyException e) {
            return RemotingCommand.responseTo(request, ResponseCode.NO_MESSAGE, e.getMessage());
        }
        if (body.acks().isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.NO_MESSAGE, "the batch has no acknowledgements");
        }
        long total = body.acks().stream().mapToLong(entry -> entry.acked().cardinality()).sum();
        if (total > MAX_BATCH_ACKS) {
            LOG.warn("batch ack from {} refused: {} acknowledgements, more than {}", context.remoteAddress(), total,
                    MAX_BATCH_ACKS);
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, "a batch ack of " + total
                    + " acknowledgements is over the limit of " + MAX_BATCH_ACKS);
        }
        int unsettled = 0;
        for (BatchAck entry : body.acks()) {
            String storedTopic;
            try {
                storedTopic = entry.storedTopic();
            } catch (IllegalArgumentException e) {
                return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, e.getMessage());
            }
            PopReceipt receipt = new PopReceipt(entry.popTime());
            BitSet acked = entry.acked();
            for (int bit = acked.nextSetBit(0); bit >= 0; bit = acked.nextSetBit(bit + 1)) {
                PopLeases.Settle settled = leases.ack(entry.consumerGroup(), storedTopic, entry.queueId(),
                        entry.startOffset() + bit, receipt);
                if (settled != PopLeases.Settle.DONE && settled != PopLeases.Settle.ALREADY_ACKED) {
                    unsettled++;
                }
                if (bit == Integer.MAX_VALUE) {
                    break;
                }
            }
        }
        if (unsettled > 0) {
            LOG.debug("batch ack from {}: {} acknowledgements settled nothing (stale or never handed out)",
                    context.remoteAddress(), unsettled);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand changeInvisibleTime(RemotingCommand request) {
        ChangeInvisibleTimeRequestHeader header = request.header(ChangeInvisibleTimeRequestHeader.class);
        PopReceipt receipt;
        try {
            receipt = PopReceipt.parse(header.extraInfo());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, e.getMessage());
        }
        if (header.invisibleTime() < 0) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, "a negative invisible time");
        }
        PopLeases.Changed changed = leases.changeInvisibleTime(header.consumerGroup(), header.topic(), header.queueId(),
                header.offset(), receipt, header.invisibleTime(), System.currentTimeMillis());
        if (changed.settle() != PopLeases.Settle.DONE) {
            return RemotingCommand.responseTo(request, ResponseCode.NO_MESSAGE, "cannot change the invisible time: "
                    + changed.settle().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new ChangeInvisibleTimeResponseHeader(changed.popTime(), header.invisibleTime(), 0), null);
    }
}
