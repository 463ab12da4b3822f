package dev.apogee.broker.processor.admin;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.broker.pop.PopLeases;
import dev.apogee.broker.subscription.SubscriptionGroupStore;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.ResetOffsetBody;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.header.broker.ResetOffsetRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222): moves a group's offsets on a topic to the first message
 * stored at or after a time (or to an explicit offset of one queue), commits them here, and sends
 * RESET_CONSUMER_CLIENT_OFFSET (220) to the group's live members so that they drop what they hold and
 * pull from there.
 *
 * <p>The official broker, in its default mode, only relays the reset to the consumers and answers
 * CONSUMER_NOT_ONLINE when none is connected; {@code mqadmin resetOffsetByTime} then falls back to
 * committing each queue's offset itself (GET_CONSUME_STATS, SEARCH_OFFSET_BY_TIMESTAMP,
 * UPDATE_CONSUMER_OFFSET). Apogee commits on the broker in every case, as the official broker's
 * server-side mode does, and so answers SUCCESS with the new offsets whether or not consumers are
 * online; the tool's fallback, if some caller still takes it, lands on the same offsets.
 */
public final class ResetOffsetProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.INVOKE_BROKER_TO_RESET_OFFSET};
    private static final Logger LOG = LogManager.getLogger(ResetOffsetProcessor.class);

    private final String brokerName;
    private final TopicConfigStore topics;
    private final SubscriptionGroupStore groups;
    private final ConsumerOffsetStore offsets;
    private final MessageStore store;
    private final ClientRegistry clients;
    private final BiConsumer<Channel, RemotingCommand> sendOneway;
    private final PopLeases pops;

    public ResetOffsetProcessor(String brokerName, TopicConfigStore topics, SubscriptionGroupStore groups,
                                ConsumerOffsetStore offsets, MessageStore store, ClientRegistry clients,
                                BiConsumer<Channel, RemotingCommand> sendOneway, PopLeases pops) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.store = store;
        this.clients = clients;
        this.sendOneway = sendOneway;
        this.pops = pops;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(reset(context, request));
    }

    private RemotingCommand reset(RequestContext context, RemotingCommand request) {
        ResetOffsetRequestHeader header = request.header(ResetOffsetRequestHeader.class);
        String topic = header.topic();
        String group = header.group();
        TopicConfig config = topics.get(topic);
        if (config == null) {
            return refuse(context, request, ResponseCode.TOPIC_NOT_EXIST, "topic " + topic + " does not exist");
        }
        if (!groupKnown(group)) {
            return refuse(context, request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "consumer group " + group + " does not exist on this broker");
        }
        awaitQueuesCaughtUp();
        boolean force = header.force() == null || header.force();
        Map<Integer, Long> targets = new HashMap<>();
        int oneQueue = header.queueId() == null ? -1 : header.queueId();
        if (oneQueue >= config.readQueueNums()) {
            return refuse(context, request, ResponseCode.INVALID_PARAMETER,
                    "queue " + oneQueue + " is not a queue of " + topic);
        }
        if (oneQueue >= 0 && header.offset() != null && header.offset() >= 0) {
            long min = Math.max(0, store.minOffset(topic, oneQueue));
            long max = Math.max(0, store.maxOffset(topic, oneQueue));
            if (header.offset() < min || header.offset() > max) {
                return refuse(context, request, ResponseCode.INVALID_PARAMETER, "offset " + header.offset()
                        + " is outside queue " + oneQueue + "'s range [" + min + ", " + max + "]");
            }
            targets.put(oneQueue, header.offset());
        } else {
            for (int queueId = oneQueue >= 0 ? oneQueue : 0;
                 queueId < (oneQueue >= 0 ? oneQueue + 1 : config.readQueueNums()); queueId++) {
                targets.put(queueId, target(topic, group, queueId, header.timestamp(), force));
            }
        }
        Map<MessageQueue, Long> table = new HashMap<>();
        targets.forEach((queueId, offset) -> {
            // Through the pop leases: a pop group's outstanding hand-outs are forgotten with the old position.
            pops.resetTo(group, topic, queueId, offset);
            table.put(new MessageQueue(topic, brokerName, queueId), offset);
        });
        byte[] body = RemotingJson.encode(new ResetOffsetBody(table));
        int told = tellConsumers(topic, group, header.timestamp(), body);
        LOG.info("Offsets of group {} on topic {} reset to {} (time {}) by {}; {} consumer(s) told",
                group, topic, targets, header.timestamp(), context.remoteAddress(), told);
        return RemotingCommand.success(request, body);
    }

    /**
     * Waits (briefly) until every message stored before this request is in its queue: a message
     * acknowledged to its producer a moment ago but not yet dispatched would otherwise lie beyond "the
     * end" a group is reset to, and reach the group anyway (a JMS subscription made right after a send
     * got the message sent before it).
     */
    private void awaitQueuesCaughtUp() {
        long stored = store.commitLogMaxOffset();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (store.dispatchedOffset() < stored && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The queue's offset for the time (-1: its end); without force, an offset only moves back. */
    private long target(String topic, String group, int queueId, long timestamp, boolean force) {
        long offset = timestamp == -1 ? store.maxOffset(topic, queueId)
                : store.offsetForTime(topic, queueId, timestamp, false);
        offset = Math.max(0, offset);
        long committed = offsets.get(group, topic, queueId);
        return force || committed < 0 || offset < committed ? offset : committed;
    }

    private boolean groupKnown(String group) {
        return groups.get(group) != null || clients.isOnline(group) || !offsets.offsetsOf(group).isEmpty();
    }

    private int tellConsumers(String topic, String group, long timestamp, byte[] body) {
        ClientRegistry.ConsumerGroup live = clients.consumerGroup(group);
        if (live == null) {
            return 0;
        }
        // The consumers' decoder requires isForce; queueId -1 means "the queues in the body".
        RemotingCommand notice = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                new ResetOffsetRequestHeader(topic, group, timestamp, -1, null, Boolean.FALSE), body);
        int told = 0;
        for (Channel channel : live.channels()) {
            sendOneway.accept(channel, notice.withNewOpaque());
            told++;
        }
        return told;
    }

    private static RemotingCommand refuse(RequestContext context, RemotingCommand request, int code, String why) {
        LOG.info("Reset of offsets from {} refused: {}", context.remoteAddress(), why);
        return RemotingCommand.responseTo(request, code, why);
    }
}
