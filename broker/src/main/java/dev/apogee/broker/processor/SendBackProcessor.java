package dev.apogee.broker.processor;

import dev.apogee.broker.topic.GroupTopics;
import dev.apogee.broker.schedule.DelayedDelivery;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.ConsumerSendMsgBackRequestHeader;
import dev.apogee.remoting.protocol.message.MessageDraft;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.protocol.message.StoredMessage;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CONSUMER_SEND_MSG_BACK (36): a message a consumer could not process goes to its group's retry
 * topic, delayed by the next level of the retry schedule (10 s, 30 s, 1 m, ...), or to the group's
 * dead-letter topic once it was retried the maximum number of times (16 by default).
 */
public final class SendBackProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.CONSUMER_SEND_MSG_BACK};
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String DLQ_PREFIX = "%DLQ%";
    public static final int DEFAULT_MAX_RECONSUME_TIMES = 16;
    /** The first retry waits at level 3 (10 s); each further retry one level more. */
    private static final int FIRST_RETRY_LEVEL = 3;

    private final MessageStore store;
    private final GroupTopics groupTopics;

    public SendBackProcessor(MessageStore store, GroupTopics groupTopics) {
        this.store = store;
        this.groupTopics = groupTopics;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        ConsumerSendMsgBackRequestHeader header = request.header(ConsumerSendMsgBackRequestHeader.class);
        StoredMessage message = store.messageAt(header.offset());
        if (message == null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "no message at offset " + header.offset()));
        }
        int maxReconsume = header.maxReconsumeTimes() == null ? DEFAULT_MAX_RECONSUME_TIMES : header.maxReconsumeTimes();
        Map<String, String> properties = message.propertyMap();
        properties.putIfAbsent(MessageProperties.RETRY_TOPIC, message.topic());
        String originId = header.originMsgId() != null ? header.originMsgId()
                : properties.get(MessageProperties.UNIQ_KEY);
        if (originId != null) {
            properties.putIfAbsent(MessageProperties.ORIGIN_MESSAGE_ID, originId);
        }
        properties.remove(MessageProperties.DELAY);
        boolean dead = message.reconsumeTimes() >= maxReconsume || header.delayLevel() < 0;
        String target = (dead ? DLQ_PREFIX : RETRY_PREFIX) + header.group();
        groupTopics.ensure(target);
        MessageDraft copy = new MessageDraft(target, 0, message.flag(), message.sysFlag(), message.bornTimestamp(),
                message.bornHostAddress(), message.bornHostPort(), message.storeHostAddress(), message.storeHostPort(),
                message.reconsumeTimes() + 1, 0, message.body(), MessageProperties.format(properties));
        if (!dead) {
            int level = header.delayLevel() > 0 ? header.delayLevel() : FIRST_RETRY_LEVEL + message.reconsumeTimes();
            copy = DelayedDelivery.delayed(copy, level);
        }
        return store.put(copy).thenApply(result -> result.stored()
                ? RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                : RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "cannot store: " + result.status()));
    }

}
