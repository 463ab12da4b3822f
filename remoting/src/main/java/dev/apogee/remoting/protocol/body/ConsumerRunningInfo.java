package dev.apogee.remoting.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.apogee.remoting.protocol.body.HeartbeatData.SubscriptionData;
import java.util.List;
import java.util.Map;

/**
 * GET_CONSUMER_RUNNING_INFO (307) answer, written by a consumer and relayed by its broker: how one
 * client of a group runs. The queue-keyed tables use fastjson's object keys ({@link MessageQueueMaps}).
 *
 * @param properties       settings and facts ({@code PROP_*} keys below), as strings
 * @param subscriptionSet  the client's subscriptions in the group
 * @param mqTable          the queues it pulls, each with its local state
 * @param mqPopTable       the queues it pops from (5.x POP consumers)
 * @param statusTable      consume figures per topic
 * @param userConsumerInfo whatever the application adds
 * @param jstack           the client's thread dump, when asked for
 */
public record ConsumerRunningInfo(
        Map<String, String> properties,
        List<SubscriptionData> subscriptionSet,
        @JsonSerialize(using = MessageQueueMaps.Writer.class)
        @JsonDeserialize(keyUsing = MessageQueueMaps.KeyReader.class)
        Map<MessageQueue, ProcessQueueInfo> mqTable,
        @JsonSerialize(using = MessageQueueMaps.Writer.class)
        @JsonDeserialize(keyUsing = MessageQueueMaps.KeyReader.class)
        Map<MessageQueue, PopProcessQueueInfo> mqPopTable,
        Map<String, ConsumeStatus> statusTable,
        Map<String, String> userConsumerInfo,
        String jstack) {

    public static final String PROP_NAMESERVER_ADDR = "PROP_NAMESERVER_ADDR";
    public static final String PROP_THREADPOOL_CORE_SIZE = "PROP_THREADPOOL_CORE_SIZE";
    /** The official client spells this key without the underscore between the words. */
    public static final String PROP_CONSUME_ORDERLY = "PROP_CONSUMEORDERLY";
    public static final String PROP_CONSUME_TYPE = "PROP_CONSUME_TYPE";
    public static final String PROP_CLIENT_VERSION = "PROP_CLIENT_VERSION";
    public static final String PROP_CONSUMER_START_TIMESTAMP = "PROP_CONSUMER_START_TIMESTAMP";

    public ConsumerRunningInfo {
        properties = BodyCollections.map(properties);
        subscriptionSet = BodyCollections.list(subscriptionSet);
        mqTable = BodyCollections.map(mqTable);
        mqPopTable = BodyCollections.map(mqPopTable);
        statusTable = BodyCollections.map(statusTable);
        userConsumerInfo = BodyCollections.map(userConsumerInfo);
    }

    /** Decodes a body as the official client writes it (object map keys included). */
    public static ConsumerRunningInfo decode(byte[] body) {
        return MessageQueueMaps.decode(body, ConsumerRunningInfo.class);
    }

    /**
     * One pulled queue as the client holds it.
     *
     * @param commitOffset      the offset the client will commit next
     * @param cachedMsgCount    messages pulled and not yet consumed
     * @param cachedMsgSizeInMiB their bodies' size
     * @param droped            the official spelling: the queue was taken away by a rebalance
     */
    public record ProcessQueueInfo(long commitOffset, long cachedMsgMinOffset, long cachedMsgMaxOffset,
                                   int cachedMsgCount, int cachedMsgSizeInMiB, long transactionMsgMinOffset,
                                   long transactionMsgMaxOffset, int transactionMsgCount, boolean locked,
                                   long tryUnlockTimes, long lastLockTimestamp, boolean droped,
                                   long lastPullTimestamp, long lastConsumeTimestamp) {
    }

    /** One queue a POP consumer takes messages from. */
    public record PopProcessQueueInfo(int waitAckCount, boolean droped, long lastPopTimestamp) {
    }

    /** Consume figures of one topic: round trips in milliseconds, rates per second. */
    public record ConsumeStatus(double pullRT, double pullTPS, double consumeRT, double consumeOKTPS,
                                double consumeFailedTPS, long consumeFailedMsgs) {
    }
}
