package dev.apogee.broker.processor.admin;

import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.broker.pop.PopLeases;
import dev.apogee.broker.stats.BrokerStats;
import dev.apogee.broker.topic.TopicNames;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import dev.apogee.remoting.protocol.body.TopicOffset;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicStatsTable;
import dev.apogee.remoting.protocol.header.broker.CreateTopicRequestHeader;
import dev.apogee.remoting.protocol.header.broker.TopicRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Topic administration: UPDATE_AND_CREATE_TOPIC (17), GET_TOPIC_CONFIG (351), GET_ALL_TOPIC_CONFIG (21),
 * DELETE_TOPIC_IN_BROKER (215) and GET_TOPIC_STATS_INFO (202). A change is followed by a prompt
 * re-registration, so that routes follow it within a name-server poll.
 */
public final class TopicAdminProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.GET_TOPIC_CONFIG,
        RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.DELETE_TOPIC_IN_BROKER, RequestCode.GET_TOPIC_STATS_INFO};
    private static final Logger LOG = LogManager.getLogger(TopicAdminProcessor.class);
    private static final int MAX_QUEUE_NUMS = 1024;
    private static final Set<String> FILTER_TYPES = Set.of("SINGLE_TAG", "MULTI_TAG");

    private final String brokerName;
    private final Set<String> reservedTopics;
    private final TopicConfigStore topics;
    private final ConsumerOffsetStore offsets;
    private final MessageStore store;
    private final BrokerStats stats;
    private final Runnable topicsChanged;
    private final PopLeases pops;

    /**
     * @param reservedTopics topics the broker made for itself (cluster, broker, self-test), which
     *                       administrators may neither change nor delete
     * @param topicsChanged  told after a change (registration announces it)
     */
    public TopicAdminProcessor(String brokerName, Set<String> reservedTopics, TopicConfigStore topics,
                               ConsumerOffsetStore offsets, MessageStore store, BrokerStats stats,
                               Runnable topicsChanged, PopLeases pops) {
        this.pops = pops;
        this.brokerName = brokerName;
        this.reservedTopics = Set.copyOf(reservedTopics);
        this.topics = topics;
        this.offsets = offsets;
        this.store = store;
        this.stats = stats;
        this.topicsChanged = topicsChanged;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> createOrUpdate(context, request);
            case RequestCode.GET_TOPIC_CONFIG -> {
                String topic = request.header(TopicRequestHeader.class).topic();
                TopicConfig config = topics.get(topic);
                yield config == null ? notFound(request, topic) : RemotingCommand.success(request, RemotingJson.encode(config));
            }
            case RequestCode.GET_ALL_TOPIC_CONFIG -> RemotingCommand.success(request, RemotingJson.encode(
                    TopicConfigSerializeWrapper.of(Map.copyOf(topics.all()), topics.dataVersion())));
            case RequestCode.DELETE_TOPIC_IN_BROKER -> delete(context, request);
            default -> stats(request);
        });
    }

    private RemotingCommand createOrUpdate(RequestContext context, RemotingCommand request) throws SQLException {
        CreateTopicRequestHeader header = request.header(CreateTopicRequestHeader.class);
        String topic = header.topic();
        String refusal = refusal(topic);
        if (refusal == null) {
            refusal = invalidSettings(header);
        }
        Map<String, String> attributes = Map.of();
        if (refusal == null) {
            TopicConfig existing = topics.get(topic);
            try {
                attributes = TopicAttributes.apply(existing == null ? Map.of() : existing.attributes(),
                        header.attributes());
            } catch (IllegalArgumentException e) {
                refusal = e.getMessage();
            }
        }
        if (refusal != null) {
            return refuse(context, request, ResponseCode.INVALID_PARAMETER, refusal);
        }
        TopicConfig config = new TopicConfig(topic, header.readQueueNums(), header.writeQueueNums(), header.perm(),
                header.topicFilterType(), header.topicSysFlag() == null ? 0 : header.topicSysFlag(),
                Boolean.TRUE.equals(header.order()), attributes);
        topics.put(config);
        LOG.info("Topic {} created or updated by {}: {}", topic, context.remoteAddress(), config);
        topicsChanged.run();
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    /** Null if an administrator may create, change or delete the topic, otherwise why not. */
    private String refusal(String topic) {
        String problem = TopicNames.problem(topic);
        if (problem != null) {
            return problem;
        }
        if (TopicNames.isSystem(topic) || reservedTopics.contains(topic)) {
            return "the topic " + topic + " is a system topic of this broker";
        }
        return null;
    }

    private static String invalidSettings(CreateTopicRequestHeader header) {
        if (header.readQueueNums() < 0 || header.readQueueNums() > MAX_QUEUE_NUMS
                || header.writeQueueNums() < 0 || header.writeQueueNums() > MAX_QUEUE_NUMS) {
            return "queue counts must be 0.." + MAX_QUEUE_NUMS;
        }
        if (header.readQueueNums() == 0 && header.writeQueueNums() == 0) {
            return "a topic needs at least one read or write queue";
        }
        if ((header.perm() & ~(TopicPerm.READ_WRITE | TopicPerm.INHERIT | TopicPerm.PRIORITY)) != 0) {
            return "perm " + header.perm() + " has unknown bits";
        }
        if (header.topicFilterType() != null && !FILTER_TYPES.contains(header.topicFilterType())) {
            return "topicFilterType must be SINGLE_TAG or MULTI_TAG";
        }
        return null;
    }

    /**
     * Removes the topic's config and every group's offsets on it. Its messages are not deleted here:
     * they stay in the commit log until retention ages them out, unreachable meanwhile since no route
     * leads to the topic. Deleting an unknown topic succeeds, so that a repeated delete is harmless.
     */
    private RemotingCommand delete(RequestContext context, RemotingCommand request) throws SQLException {
        String topic = request.header(TopicRequestHeader.class).topic();
        String refusal = refusal(topic);
        if (refusal != null) {
            return refuse(context, request, ResponseCode.INVALID_PARAMETER, refusal);
        }
        boolean existed = topics.delete(topic);
        offsets.removeTopic(topic);
        pops.forgetTopic(topic);
        LOG.info("Topic {} deleted by {}{}", topic, context.remoteAddress(), existed ? "" : " (it did not exist)");
        if (existed) {
            topicsChanged.run();
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand stats(RemotingCommand request) {
        String topic = request.header(TopicRequestHeader.class).topic();
        TopicConfig config = topics.get(topic);
        if (config == null) {
            return notFound(request, topic);
        }
        Map<MessageQueue, TopicOffset> table = new HashMap<>();
        int queues = Math.max(config.readQueueNums(), config.writeQueueNums());
        for (int queueId = 0; queueId < queues; queueId++) {
            long min = Math.max(0, store.minOffset(topic, queueId));
            long max = Math.max(0, store.maxOffset(topic, queueId));
            long lastStored = max > 0 ? Math.max(0, store.storeTimestamp(topic, queueId, max - 1)) : 0;
            table.put(new MessageQueue(topic, brokerName, queueId), new TopicOffset(min, max, lastStored));
        }
        return RemotingCommand.success(request, RemotingJson.encode(new TopicStatsTable(table, stats.putTps(topic))));
    }

    private static RemotingCommand notFound(RemotingCommand request, String topic) {
        return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] does not exist");
    }

    private static RemotingCommand refuse(RequestContext context, RemotingCommand request, int code, String why) {
        LOG.info("{} from {} refused: {}", RequestCode.name(request.code()), context.remoteAddress(), why);
        return RemotingCommand.responseTo(request, code, why);
    }
}
