package dev.apogee.broker.processor;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.lock.QueueLocks;
import dev.apogee.broker.schedule.Scheduling;
import dev.apogee.broker.topic.GroupTopics;
import dev.apogee.broker.transaction.TransactionLog;
import dev.apogee.broker.topic.TopicNames;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import dev.apogee.remoting.protocol.header.broker.SendMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MalformedRecordException;
import dev.apogee.remoting.protocol.message.MessageBatchCodec;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import dev.apogee.store.MessageStore;
import dev.apogee.store.PutResult;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): validates the request and the topic (creating it
 * on first send when allowed), stores the message, and answers once the store says it is durable
 * by the flush mode, with the offset message id, queue and queue offset.
 *
 * <p>Thread-safety: stateless apart from the stores it calls, which are thread-safe.
 */
public final class SendMessageProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2,
        RequestCode.SEND_BATCH_MESSAGE};
    private static final String REGION = "DefaultRegion";

    private final BrokerConfig config;
    private final TopicConfigStore topics;
    private final MessageStore store;
    private final Runnable topicsChanged;
    private final byte[] storeHost;
    private final java.util.function.IntSupplier storePort;
    private final QueueLocks locks;
    private final GroupTopics groupTopics;
    private final java.util.function.BooleanSupplier autoCreateTopics;

    /**
     * @param storePort        the port the broker listens on (known once it is bound)
     * @param topicsChanged    told after a topic was auto-created (registration re-announces the routes)
     * @param autoCreateTopics read at every send to an unknown topic (an administrator may switch it)
     */
    public SendMessageProcessor(BrokerConfig config, TopicConfigStore topics, MessageStore store, byte[] storeHost,
                                java.util.function.IntSupplier storePort, Runnable topicsChanged, QueueLocks locks,
                                java.util.function.BooleanSupplier autoCreateTopics) {
        this.autoCreateTopics = autoCreateTopics;
        this.locks = locks;
        this.config = config;
        this.topics = topics;
        this.store = store;
        this.storeHost = storeHost;
        this.storePort = storePort;
        this.topicsChanged = topicsChanged;
        this.groupTopics = new GroupTopics(topics, topicsChanged);
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        SendMessageRequestHeader header = request.code() == RequestCode.SEND_MESSAGE
                ? request.header(SendMessageRequestHeader.class)
                : request.header(SendMessageRequestHeaderV2.class).toV1();
        String problem = TopicNames.problem(header.topic());
        if (problem != null) {
            return reply(request, ResponseCode.INVALID_PARAMETER, problem);
        }
        if (TopicNames.isSystem(header.topic())) {
            return reply(request, ResponseCode.NO_PERMISSION, "sending to topic " + header.topic() + " is forbidden");
        }
        if (request.body() == null || request.body().length == 0) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, "the message body is empty");
        }
        String properties = header.properties() == null ? "" : header.properties();
        if (properties.length() > Short.MAX_VALUE) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, "the message properties are too long");
        }
        TopicConfig topic = topics.get(header.topic());
        boolean retryTopic = header.topic().startsWith(SendBackProcessor.RETRY_PREFIX);
        if (topic == null && retryTopic) {
            // A consumer whose send-back failed resends to its group's retry topic, which may be new here.
            topic = groupTopics.ensure(header.topic());
        } else if (topic == null && autoCreateTopics.getAsBoolean()) {
            // The producer spread its first sends over min(its default, the key topic's) queues of the key
            // topic's route, so the new topic needs that many (as on the official broker).
            TopicConfig key = topics.get(TopicNames.AUTO_CREATE_KEY);
            int keyQueues = key == null ? config.defaultQueueNums() : key.writeQueueNums();
            int queues = Math.max(1, Math.min(header.defaultTopicQueueNums(), keyQueues));
            topic = topics.putIfAbsent(TopicConfig.of(header.topic(), queues, queues));
            topicsChanged.run();
        }
        if (topic == null) {
            return reply(request, ResponseCode.TOPIC_NOT_EXIST, "topic " + header.topic()
                    + " does not exist and auto-creation is off; create it first");
        }
        if (!TopicPerm.isWriteable(topic.perm())) {
            return reply(request, ResponseCode.NO_PERMISSION, "topic " + header.topic() + " is not writable");
        }
        // A consumer resending to a retry topic it has no route for picks a queue of the default route.
        int queueId = header.queueId() < 0 ? 0
                : retryTopic ? header.queueId() % topic.writeQueueNums() : header.queueId();
        if (queueId >= topic.writeQueueNums()) {
            return reply(request, ResponseCode.INVALID_PARAMETER, "queue id " + queueId + " is not below the "
                    + topic.writeQueueNums() + " write queues of " + header.topic());
        }
        InetSocketAddress born = (InetSocketAddress) context.channel().remoteAddress();
        String uniqueId = MessageProperties.find(properties, MessageProperties.UNIQ_KEY);
        if (request.code() == RequestCode.SEND_BATCH_MESSAGE) {
            List<MessageDraft> drafts = new ArrayList<>();
            try {
                for (MessageBatchCodec.Entry entry : MessageBatchCodec.decode(request.body())) {
                    drafts.add(draft(header, queueId, born, entry.flag(), entry.body(), entry.properties()));
                }
            } catch (MalformedRecordException e) {
                return reply(request, ResponseCode.MESSAGE_ILLEGAL, "malformed batch: " + e.getMessage());
            }
            return store.putAll(drafts).thenApply(result -> answer(request, result, queueId, uniqueId));
        }
        MessageDraft draft = draft(header, queueId, born, header.flag(), request.body(), properties);
        if (topic.topicName().startsWith(SendBackProcessor.RETRY_PREFIX)) {
            draft = deadLetterIfExhausted(draft, header);
        }
        try {
            MessageDraft scheduled = Scheduling.route(draft, System.currentTimeMillis(), config.tuning().timerMaxDelay());
            // A half message waits as it came; its delay (checked now) applies when it is committed.
            draft = MessageSysFlag.transactionType(header.sysFlag()) == MessageSysFlag.TRANSACTION_PREPARED
                    ? TransactionLog.half(draft) : scheduled;
        } catch (IllegalArgumentException e) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, e.getMessage());
        }
        return store.put(draft).thenApply(result -> answer(request, result, queueId, uniqueId));
    }

    /**
     * A message resent to a retry topic goes to the group's dead-letter topic instead once it was
     * consumed more than its maximum number of times, or at once if the group consumes orderly
     * (holds queue locks), as on the official broker.
     */
    private MessageDraft deadLetterIfExhausted(MessageDraft draft, SendMessageRequestHeader header) throws SQLException {
        String group = draft.topic().substring(SendBackProcessor.RETRY_PREFIX.length());
        int maxReconsumeTimes = header.maxReconsumeTimes() == null ? SendBackProcessor.DEFAULT_MAX_RECONSUME_TIMES
                : header.maxReconsumeTimes();
        if (draft.reconsumeTimes() <= maxReconsumeTimes && !locks.anyLocked(group)) {
            return draft;
        }
        String deadLetters = SendBackProcessor.DLQ_PREFIX + group;
        groupTopics.ensure(deadLetters);
        Map<String, String> properties = MessageProperties.parse(draft.properties());
        properties.remove(MessageProperties.DELAY);
        return draft.withDestination(deadLetters, 0).withProperties(MessageProperties.format(properties));
    }

    /** The message as stored: the request's fields, the producer's address, this broker's cluster. */
    private MessageDraft draft(SendMessageRequestHeader header, int queueId, InetSocketAddress born, int flag,
                               byte[] body, String properties) {
        // 4.x clients end the string without a separator after the last pair (5.x ones end with one).
        boolean open = !properties.isEmpty() && properties.charAt(properties.length() - 1) != MessageProperties.PROPERTY_SEPARATOR;
        String stored = properties + (open ? String.valueOf(MessageProperties.PROPERTY_SEPARATOR) : "")
                + MessageProperties.CLUSTER + MessageProperties.NAME_VALUE_SEPARATOR + config.clusterName()
                + MessageProperties.PROPERTY_SEPARATOR;
        return new MessageDraft(header.topic(), queueId, flag, header.sysFlag(), header.bornTimestamp(),
                born.getAddress().getAddress(), born.getPort(), storeHost, storePort.getAsInt(),
                header.reconsumeTimes() == null ? 0 : header.reconsumeTimes(), 0, body, stored);
    }

    private RemotingCommand answer(RemotingCommand request, PutResult result, int queueId, String uniqueId) {
        int code = switch (result.status()) {
            case PUT_OK -> ResponseCode.SUCCESS;
            case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
            case MESSAGE_ILLEGAL -> ResponseCode.MESSAGE_ILLEGAL;
            case SERVICE_BUSY -> ResponseCode.SYSTEM_BUSY;
            case SERVICE_UNAVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
        };
        if (!result.stored()) {
            return RemotingCommand.responseTo(request, code, result.detail());
        }
        // A batch answers with the offset ids of all its messages, comma-separated.
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < result.messageCount(); i++) {
            if (i > 0) {
                ids.append(',');
            }
            ids.append(MessageIds.offsetMessageId(storeHost, storePort.getAsInt(), result.physicalOffsetOf(i)));
        }
        String messageId = ids.toString();
        SendMessageResponseHeader header = new SendMessageResponseHeader(messageId, queueId, result.queueOffset(),
                uniqueId, null);
        // The 5.x producer reads MSG_REGION from every send response without a null check.
        return RemotingCommand.responseTo(request, code, null, header, null)
                .withExtFields(Map.of(MessageProperties.MSG_REGION, REGION, MessageProperties.TRACE_ON, "true"));
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
