package dev.apogee.client.admin;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.MessageViews;
import dev.apogee.client.message.Topics;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.ExpressionTypes;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.header.broker.PullMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.PullMessageResponseHeader;
import dev.apogee.remoting.protocol.header.broker.PullSysFlag;
import dev.apogee.remoting.protocol.header.broker.QueryMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ViewMessageRequestHeader;
import dev.apogee.remoting.protocol.message.MessageIds;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finding and reading messages without consuming them, and sending test messages. Get it from
 * {@link AdminClient#messages()}. Nothing here commits an offset or takes a message from a group.
 */
public final class MessageAdmin implements AutoCloseable {

    /**
     * The group browse reads as: one no consumer uses, so no group's figures move. It is the group the
     * official admin tools pull as ({@code MixAll.TOOLS_CONSUMER_GROUP}): Apache brokers create a
     * subscription group for any group that pulls (autoCreateSubscriptionGroup, on by default), but
     * this one exists on every Apache broker from its start, so browsing adds no group to their lists.
     */
    public static final String BROWSE_GROUP = "TOOLS_CONSUMER";
    /** The producer group of test messages. */
    public static final String TEST_PRODUCER_GROUP = "apogee_admin_test";
    /** Most messages one browse returns. */
    public static final int MAX_BROWSE = 1024;
    private static final int PULL_BATCH = 32;

    private final AdminRequests requests;
    private Producer producer;

    MessageAdmin(AdminRequests requests) {
        this.requests = requests;
    }

    /**
     * The messages of {@code topic} with {@code key} among their keys, stored between {@code begin} and
     * {@code end}, from every broker of the topic's route (QUERY_MESSAGE), oldest first, at most
     * {@code max}.
     */
    public List<MessageView> queryByKey(String topic, String key, Instant begin, Instant end, int max) {
        Objects.requireNonNull(key, "key");
        return query(topic, new QueryMessageRequestHeader(topic, key, max, begin.toEpochMilli(), end.toEpochMilli(), null),
                view -> view.keys().contains(key), max);
    }

    /**
     * The messages of {@code topic} whose unique client id ({@code UNIQ_KEY}, what producers return as
     * the message id) is {@code messageId}: usually one, more if it was stored again (a retry).
     */
    public List<MessageView> queryByUniqueId(String topic, String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return query(topic, new QueryMessageRequestHeader(topic, messageId, PULL_BATCH, 0, Long.MAX_VALUE, Boolean.TRUE),
                view -> messageId.equals(view.messageId()), PULL_BATCH);
    }

    private List<MessageView> query(String topic, QueryMessageRequestHeader header, Predicate<MessageView> matches,
                                    int max) {
        Topics.checkName(topic);
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, not " + max);
        }
        TopicRoute route = new TopicAdmin(requests).route(topic);
        Map<String, MessageView> found = new LinkedHashMap<>();
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE, header);
        for (AdminRequests.Answer answer : requests.fanOut(route.masters(), request)) {
            if (answer.failure() != null) {
                throw answer.failure();
            }
            if (answer.response().code() == ResponseCode.QUERY_NOT_FOUND) {
                continue;
            }
            if (answer.response().code() != ResponseCode.SUCCESS) {
                throw new BrokerRefusedException(answer.address(), answer.response().code(), answer.response().remark());
            }
            // The key index is a hash table: other keys that collide come back too, and are dropped here.
            for (MessageView view : MessageViews.decodeAll(answer.response().body(), false)) {
                if (view.topic().equals(topic) && matches.test(view)) {
                    found.putIfAbsent(view.offsetMessageId(), view);
                }
            }
        }
        return found.values().stream().sorted(Comparator.comparingLong(MessageView::storeTimestamp)).limit(max).toList();
    }

    /**
     * The message with offset id {@code offsetMessageId} (store host and commit-log offset, what
     * brokers hand out as the offset message id), read from that host (VIEW_MESSAGE_BY_ID).
     *
     * @throws IllegalArgumentException if it is not an offset message id
     * @throws BrokerRefusedException   if the broker has no message there
     */
    public MessageView viewByOffsetId(String offsetMessageId) {
        MessageIds.OffsetMessageId id = MessageIds.decode(offsetMessageId);
        InetSocketAddress host = id.storeHost();
        String address = host.getAddress().getHostAddress() + ":" + host.getPort();
        RemotingCommand response = requests.broker(address, RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID,
                new ViewMessageRequestHeader(null, id.physicalOffset())));
        return MessageViews.decodeOne(response.body());
    }

    /**
     * The messages of {@code queue} from offset {@code from} (inclusive) to {@code to} (exclusive), in
     * order; fewer when the queue ends sooner or older ones are gone. A pull that never commits (no
     * commit flag, no waiting, as the group {@value #BROWSE_GROUP}): no group's offset moves.
     *
     * @throws IllegalArgumentException if the range is empty, negative, or longer than {@value #MAX_BROWSE}
     * @throws BrokerRefusedException   if the broker refuses the read (for example NO_PERMISSION)
     */
    public List<MessageView> browse(MessageQueue queue, long from, long to) {
        if (from < 0 || to <= from || to - from > MAX_BROWSE) {
            throw new IllegalArgumentException("the range [" + from + ", " + to + ") is empty, negative or longer than "
                    + MAX_BROWSE);
        }
        TopicRoute route = new TopicAdmin(requests).route(queue.topic());
        String address = route.masterAddress(queue.brokerName());
        if (address == null) {
            throw new NoRouteException(queue.topic(), "broker " + queue.brokerName() + " of " + queue.topic()
                    + " has no master in the route");
        }
        List<MessageView> messages = new ArrayList<>();
        long next = from;
        while (next < to) {
            RemotingCommand response = requests.brokerAnyAnswer(address, RemotingCommand.request(RequestCode.PULL_MESSAGE,
                    new PullMessageRequestHeader(BROWSE_GROUP, queue.topic(), queue.queueId(), next,
                            (int) Math.min(PULL_BATCH, to - next), PullSysFlag.SUBSCRIPTION, 0, 0, "*", 0, ExpressionTypes.TAG,
                            null, null, null)));
            int code = response.code();
            if (code == ResponseCode.PULL_NOT_FOUND) {
                break;
            }
            if (code != ResponseCode.SUCCESS && code != ResponseCode.PULL_OFFSET_MOVED
                    && code != ResponseCode.PULL_RETRY_IMMEDIATELY) {
                // A refusal (no permission, no such group or topic, ...), not the end of the queue: a
                // shorter list would pass for all there is.
                throw new BrokerRefusedException(address, code, response.remark());
            }
            PullMessageResponseHeader header = response.header(PullMessageResponseHeader.class);
            if (code == ResponseCode.SUCCESS) {
                for (MessageView view : MessageViews.decodeAll(response.body(), false)) {
                    if (view.queueOffset() >= from && view.queueOffset() < to) {
                        messages.add(view);
                    }
                }
            } else if (code == ResponseCode.PULL_OFFSET_MOVED && header.minOffset() > next) {
                // The start is gone (retention): carry on from the oldest message kept.
                next = header.minOffset();
                continue;
            } else if (code == ResponseCode.PULL_OFFSET_MOVED) {
                break;
            }
            if (header.nextBeginOffset() <= next) {
                break;
            }
            next = header.nextBeginOffset();
        }
        return messages;
    }

    /** Sends {@code message} as the producer group {@value #TEST_PRODUCER_GROUP} and waits for the broker's answer. */
    public SendResult sendTestMessage(Message message) {
        return testProducer().send(message);
    }

    private synchronized Producer testProducer() {
        if (producer == null) {
            producer = Producer.builder().runtime(requests.runtime()).group(TEST_PRODUCER_GROUP).build();
        }
        return producer;
    }

    /** Closes the test producer, if one was made. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
