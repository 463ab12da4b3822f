package dev.apogee.client.consumer.broker;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.consumer.Subscription;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.MessageViews;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.ConsumerIdList;
import dev.apogee.remoting.protocol.body.LockBatchRequestBody;
import dev.apogee.remoting.protocol.body.LockBatchResponseBody;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ConsumerQueueRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ConsumerSendMsgBackRequestHeader;
import dev.apogee.remoting.protocol.header.broker.OffsetResponseHeader;
import dev.apogee.remoting.protocol.header.broker.PullMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.PullMessageResponseHeader;
import dev.apogee.remoting.protocol.header.broker.PullSysFlag;
import dev.apogee.remoting.protocol.header.broker.QueueRequestHeader;
import dev.apogee.remoting.protocol.header.broker.SearchOffsetRequestHeader;
import dev.apogee.remoting.protocol.header.broker.UpdateConsumerOffsetRequestHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The broker requests of consumers, each addressed to the master of the queue's broker group: pulls,
 * offsets, send-back, queue locks and the group's member list. One place that knows their headers,
 * bodies and answer codes; everything goes over the runtime's shared connections.
 */
public final class ConsumerRequests {

    private final Rpc rpc;
    private final Routes routes;
    private final long timeoutMillis;

    /** Requests over {@code rpc} to the brokers {@code routes} name, {@code timeoutMillis} each unless said otherwise. */
    public ConsumerRequests(Rpc rpc, Routes routes, long timeoutMillis) {
        this.rpc = rpc;
        this.routes = routes;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The master address of the broker group holding {@code queue}, from the topic's route (fetched
     * if this client has not seen it yet: queues may be assigned without a route lookup).
     */
    public CompletableFuture<String> masterOf(MessageQueue queue) {
        return master(queue.brokerName(), queue.topic());
    }

    private CompletableFuture<String> master(String brokerName, String topic) {
        String known = routes.masterAddress(brokerName);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return routes.route(topic).thenApply(route -> {
            String address = route.masterAddress(brokerName);
            if (address == null) {
                throw new NoRouteException(topic, "broker group " + brokerName + " of topic " + topic
                        + " has no master right now");
            }
            return address;
        });
    }

    /**
     * PULL_MESSAGE from {@code offset}. The subscription always travels with the pull, so the broker
     * needs no heartbeat first; {@code commitOffset >= 0} piggybacks the group's offset of the queue.
     * The answer is decoded on {@code decoder}; error codes fail the future with a
     * {@link BrokerRefusedException}.
     *
     * @param suspendMillis how long the broker may hold a pull that finds nothing (0: answer at once)
     * @param timeoutMillis how long to wait for the answer, above the suspend time
     */
    public CompletableFuture<PullOutcome> pull(String group, MessageQueue queue, long offset, int maxMessages,
                                               Subscription subscription, long subVersion, long commitOffset,
                                               long suspendMillis, long timeoutMillis, Executor decoder) {
        int sysFlag = PullSysFlag.SUBSCRIPTION;
        if (commitOffset >= 0) {
            sysFlag |= PullSysFlag.COMMIT_OFFSET;
        }
        if (suspendMillis > 0) {
            sysFlag |= PullSysFlag.SUSPEND;
        }
        PullMessageRequestHeader header = new PullMessageRequestHeader(group, queue.topic(), queue.queueId(), offset,
                maxMessages, sysFlag, Math.max(0, commitOffset), suspendMillis, subscription.expression(), subVersion,
                subscription.type().name(), null, null, null);
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE, header);
        return masterOf(queue).thenCompose(address -> rpc.invoke(address, request, timeoutMillis)
                .thenApplyAsync(response -> outcome(address, response, subscription), decoder));
    }

    private static PullOutcome outcome(String address, RemotingCommand response, Subscription subscription) {
        PullOutcome.Status status = switch (response.code()) {
            case ResponseCode.SUCCESS -> PullOutcome.Status.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullOutcome.Status.NO_NEW_MESSAGE;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullOutcome.Status.NO_MATCHED_MESSAGE;
            case ResponseCode.PULL_OFFSET_MOVED -> PullOutcome.Status.OFFSET_ILLEGAL;
            default -> throw new BrokerRefusedException(address, response.code(), response.remark());
        };
        PullMessageResponseHeader header = response.header(PullMessageResponseHeader.class);
        List<MessageView> messages = List.of();
        if (status == PullOutcome.Status.FOUND) {
            List<MessageView> found = MessageViews.decodeAll(response.body(), false);
            messages = new ArrayList<>(found.size());
            for (MessageView message : found) {
                if (subscription.accepts(message)) {
                    messages.add(message);
                }
            }
        }
        return new PullOutcome(status, header.nextBeginOffset(), header.minOffset(), header.maxOffset(), messages);
    }

    /** QUERY_CONSUMER_OFFSET: the group's committed offset of {@code queue}, or -1 if it has none. */
    public CompletableFuture<Long> committedOffset(String group, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET,
                new ConsumerQueueRequestHeader(group, queue.topic(), queue.queueId(), Boolean.FALSE));
        return invokeMaster(queue, request).thenApply(response -> {
            if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
                return -1L;
            }
            return offsetOf(response);
        });
    }

    /** UPDATE_CONSUMER_OFFSET: stores {@code offset} as the group's offset of {@code queue}. */
    public CompletableFuture<Void> commitOffset(String group, MessageQueue queue, long offset) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new UpdateConsumerOffsetRequestHeader(group, queue.topic(), queue.queueId(), offset));
        return invokeMaster(queue, request).thenApply(response -> {
            offsetOrRefuse(response);
            return null;
        });
    }

    /** GET_MAX_OFFSET: the offset after the last message of {@code queue}. */
    public CompletableFuture<Long> maxOffset(MessageQueue queue) {
        return invokeMaster(queue, RemotingCommand.request(RequestCode.GET_MAX_OFFSET,
                new QueueRequestHeader(queue.topic(), queue.queueId()))).thenApply(ConsumerRequests::offsetOf);
    }

    /** GET_MIN_OFFSET: the smallest offset {@code queue} still holds. */
    public CompletableFuture<Long> minOffset(MessageQueue queue) {
        return invokeMaster(queue, RemotingCommand.request(RequestCode.GET_MIN_OFFSET,
                new QueueRequestHeader(queue.topic(), queue.queueId()))).thenApply(ConsumerRequests::offsetOf);
    }

    /** SEARCH_OFFSET_BY_TIMESTAMP: the first offset of {@code queue} stored at or after {@code timestampMillis}. */
    public CompletableFuture<Long> offsetAt(MessageQueue queue, long timestampMillis) {
        return invokeMaster(queue, RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
                new SearchOffsetRequestHeader(queue.topic(), queue.queueId(), timestampMillis, null)))
                .thenApply(ConsumerRequests::offsetOf);
    }

    /**
     * CONSUMER_SEND_MSG_BACK: gives {@code message} (read from {@code queue}) back to the broker, which
     * stores it in the group's retry topic after the delay of {@code delayLevel}, or in its dead-letter
     * topic once it was delivered {@code maxReconsumeTimes} times (or at once when {@code delayLevel < 0}).
     */
    public CompletableFuture<Void> sendBack(String group, MessageQueue queue, MessageView message, String originTopic,
                                            int delayLevel, int maxReconsumeTimes) {
        ConsumerSendMsgBackRequestHeader header = new ConsumerSendMsgBackRequestHeader(message.commitLogOffset(),
                group, delayLevel, message.messageId(), originTopic, Boolean.FALSE, maxReconsumeTimes);
        return invokeMaster(queue, RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, header))
                .thenApply(response -> {
                    offsetOrRefuse(response);
                    return null;
                });
    }

    /** GET_CONSUMER_LIST_BY_GROUP from one broker of {@code topic}: the client ids of the group's members. */
    public CompletableFuture<List<String>> groupMembers(String group, String topic) {
        return routes.route(topic).thenCompose(route -> {
            if (route.masters().isEmpty()) {
                throw new NoRouteException(topic, "no broker of topic " + topic + " has a master");
            }
            // Every broker knows every member (they all get the heartbeats); ask the first by name.
            String address = route.masters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .findFirst().orElseThrow().getValue();
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP,
                    new ConsumerGroupRequestHeader(group));
            return rpc.call(address, request, timeoutMillis)
                    .thenApply(response -> RemotingJson.decode(response.body(), ConsumerIdList.class).consumerIdList());
        });
    }

    /** LOCK_BATCH_MQ on broker group {@code brokerName}: the queues of {@code queues} this client now holds. */
    public CompletableFuture<Set<MessageQueue>> lock(String brokerName, String group, String clientId,
                                                     Set<MessageQueue> queues) {
        return lockRequest(RequestCode.LOCK_BATCH_MQ, brokerName, group, clientId, queues)
                .thenApply(response -> RemotingJson.decode(response.body(), LockBatchResponseBody.class).lockOKMQSet());
    }

    /** UNLOCK_BATCH_MQ on broker group {@code brokerName}: gives {@code queues} up. */
    public CompletableFuture<Void> unlock(String brokerName, String group, String clientId, Set<MessageQueue> queues) {
        return lockRequest(RequestCode.UNLOCK_BATCH_MQ, brokerName, group, clientId, queues).thenApply(r -> null);
    }

    private CompletableFuture<RemotingCommand> lockRequest(int code, String brokerName, String group, String clientId,
                                                           Set<MessageQueue> queues) {
        String topic = queues.isEmpty() ? "?" : queues.iterator().next().topic();
        byte[] body = RemotingJson.encode(new LockBatchRequestBody(group, clientId, false, queues));
        return master(brokerName, topic).thenCompose(address ->
                rpc.call(address, RemotingCommand.request(code, null, body), timeoutMillis));
    }

    private CompletableFuture<RemotingCommand> invokeMaster(MessageQueue queue, RemotingCommand request) {
        return masterOf(queue).thenCompose(address -> rpc.invoke(address, request, timeoutMillis)
                .thenApply(response -> {
                    if (response.code() != ResponseCode.SUCCESS && response.code() != ResponseCode.QUERY_NOT_FOUND) {
                        throw new BrokerRefusedException(address, response.code(), response.remark());
                    }
                    return response;
                }));
    }

    private static void offsetOrRefuse(RemotingCommand response) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new BrokerRefusedException("broker", response.code(), response.remark());
        }
    }

    private static long offsetOf(RemotingCommand response) {
        offsetOrRefuse(response);
        return response.header(OffsetResponseHeader.class).offset();
    }
}
