package dev.apogee.broker.processor.admin;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.offset.ConsumerOffsetStore;
import dev.apogee.broker.stats.BrokerStats;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.Connection;
import dev.apogee.remoting.protocol.body.ConsumeStats;
import dev.apogee.remoting.protocol.body.ConsumerConnection;
import dev.apogee.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.GroupList;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.OffsetWrapper;
import dev.apogee.remoting.protocol.body.ProducerConnection;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GetConsumeStatsRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ProducerGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.TopicRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What consumers and producers are doing: GET_CONSUME_STATS (208), GET_CONSUMER_CONNECTION_LIST (203),
 * GET_PRODUCER_CONNECTION_LIST (204), QUERY_TOPIC_CONSUME_BY_WHO (300), GET_ALL_CONSUMER_OFFSET (43)
 * and QUERY_TOPICS_BY_CONSUMER (343).
 *
 * <p>The broker's own positions (delayed, timer and transactional delivery) are kept as offsets of
 * groups whose names start with {@code %}; listings leave them out.
 */
public final class ConsumerAdminProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.GET_CONSUME_STATS, RequestCode.GET_CONSUMER_CONNECTION_LIST,
        RequestCode.GET_PRODUCER_CONNECTION_LIST, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO,
        RequestCode.GET_ALL_CONSUMER_OFFSET, RequestCode.QUERY_TOPICS_BY_CONSUMER};

    private final String brokerName;
    private final Supplier<String> brokerAddress;
    private final ClientRegistry clients;
    private final TopicConfigStore topics;
    private final ConsumerOffsetStore offsets;
    private final MessageStore store;
    private final BrokerStats stats;

    /** @param brokerAddress this broker's {@code host:port} (known once it listens) */
    public ConsumerAdminProcessor(String brokerName, Supplier<String> brokerAddress, ClientRegistry clients,
                                  TopicConfigStore topics, ConsumerOffsetStore offsets, MessageStore store,
                                  BrokerStats stats) {
        this.brokerName = brokerName;
        this.brokerAddress = brokerAddress;
        this.clients = clients;
        this.topics = topics;
        this.offsets = offsets;
        this.store = store;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.GET_CONSUME_STATS -> consumeStats(request);
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumerConnections(request);
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producerConnections(request);
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request);
            case RequestCode.GET_ALL_CONSUMER_OFFSET -> allOffsets(request);
            default -> topicsOf(request);
        });
    }

    /**
     * Per queue of each topic: the queue's end, the group's committed offset (0 if none, as the
     * official broker reports it) and the store time of the last message it consumed. Without a topic
     * or list, every topic the group has offsets for or subscribes to, narrowed to its live
     * subscriptions if it has members (the official rule, so that a dropped topic does not show as lag).
     */
    private RemotingCommand consumeStats(RemotingCommand request) {
        GetConsumeStatsRequestHeader header = request.header(GetConsumeStatsRequestHeader.class);
        String group = header.consumerGroup();
        Set<String> wanted = new LinkedHashSet<>(header.topics());
        if (wanted.isEmpty()) {
            ClientRegistry.ConsumerGroup live = clients.consumerGroup(group);
            Map<String, HeartbeatData.SubscriptionData> subscribed = live == null ? Map.of() : live.subscriptionTable();
            if (header.topic() != null && !header.topic().isBlank()) {
                wanted.add(header.topic());
            } else {
                wanted.addAll(offsets.offsetsOf(group).keySet());
                // A member reads offset 0 of a young queue without a commit, so a subscribed topic may
                // have no offsets yet: it is listed too, with its whole backlog as lag.
                wanted.addAll(subscribed.keySet());
            }
            if (!subscribed.isEmpty()) {
                wanted.retainAll(subscribed.keySet());
            }
        }
        Map<MessageQueue, OffsetWrapper> table = new HashMap<>();
        double tps = 0;
        for (String topic : wanted) {
            TopicConfig config = topics.get(topic);
            if (config == null) {
                continue;
            }
            for (int queueId = 0; queueId < config.readQueueNums(); queueId++) {
                long brokerOffset = Math.max(0, store.maxOffset(topic, queueId));
                long consumerOffset = Math.max(0, offsets.get(group, topic, queueId));
                long lastConsumed = consumerOffset > 0
                        ? Math.max(0, store.storeTimestamp(topic, queueId, consumerOffset - 1)) : 0;
                // Apogee does not track pulled-but-uncommitted positions: the pull offset is the committed one.
                table.put(new MessageQueue(topic, brokerName, queueId),
                        new OffsetWrapper(brokerOffset, consumerOffset, consumerOffset, lastConsumed));
            }
            tps += stats.getTps(group, topic);
        }
        return RemotingCommand.success(request, RemotingJson.encode(new ConsumeStats(table, tps)));
    }

    private RemotingCommand consumerConnections(RemotingCommand request) {
        String groupName = request.header(ConsumerGroupRequestHeader.class).consumerGroup();
        ClientRegistry.ConsumerGroup group = clients.consumerGroup(groupName);
        Map<Channel, String> members = group == null ? Map.of() : group.members();
        if (members.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[" + groupName + "] is not online");
        }
        HeartbeatData.ConsumerData description = group.description();
        ConsumerConnection body = new ConsumerConnection(connections(members), group.subscriptionTable(),
                description == null ? null : description.consumeType(),
                description == null ? null : description.messageModel(),
                description == null ? null : description.consumeFromWhere());
        return RemotingCommand.success(request, RemotingJson.encode(body));
    }

    private RemotingCommand producerConnections(RemotingCommand request) {
        String group = request.header(ProducerGroupRequestHeader.class).producerGroup();
        Map<Channel, String> members = clients.producerMembers(group);
        if (members.isEmpty()) {
            // The official broker's answer for a producer group without live members.
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "the producer group[" + group + "] does not exist");
        }
        return RemotingCommand.success(request, RemotingJson.encode(new ProducerConnection(connections(members))));
    }

    private Set<Connection> connections(Map<Channel, String> members) {
        Set<Connection> connections = new HashSet<>();
        members.forEach((channel, clientId) -> {
            ClientRegistry.ClientInfo info = clients.clientInfo(channel);
            connections.add(new Connection(clientId, remoteAddress(channel),
                    info == null ? dev.apogee.remoting.protocol.LanguageCode.JAVA : info.language(),
                    info == null ? 0 : info.version()));
        });
        return connections;
    }

    /** Groups with offsets on the topic, and live groups subscribed to it. */
    private RemotingCommand consumedBy(RemotingCommand request) {
        String topic = request.header(TopicRequestHeader.class).topic();
        Set<String> groups = new HashSet<>();
        offsets.all().forEach((group, byTopic) -> {
            if (byTopic.containsKey(topic)) {
                groups.add(group);
            }
        });
        for (String group : clients.onlineConsumerGroups()) {
            ClientRegistry.ConsumerGroup live = clients.consumerGroup(group);
            if (live != null && live.subscription(topic) != null) {
                groups.add(group);
            }
        }
        groups.removeIf(ConsumerAdminProcessor::isInternal);
        return RemotingCommand.success(request, RemotingJson.encode(new GroupList(groups)));
    }

    private RemotingCommand allOffsets(RemotingCommand request) {
        Map<String, Map<Integer, Long>> table = new HashMap<>();
        offsets.all().forEach((group, byTopic) -> {
            if (!isInternal(group)) {
                byTopic.forEach((topic, byQueue) -> table.put(topic + "@" + group, byQueue));
            }
        });
        return RemotingCommand.success(request, RemotingJson.encode(
                new ConsumerOffsetSerializeWrapper(table, DataVersion.ZERO.next(System.currentTimeMillis()))));
    }

    /** Topics the group has offsets for or is subscribed to. */
    private RemotingCommand topicsOf(RemotingCommand request) {
        String group = request.header(GroupRequestHeader.class).group();
        Set<String> names = new HashSet<>(offsets.offsetsOf(group).keySet());
        ClientRegistry.ConsumerGroup live = clients.consumerGroup(group);
        if (live != null) {
            names.addAll(live.subscriptionTable().keySet());
        }
        return RemotingCommand.success(request, RemotingJson.encode(new TopicList(names, brokerAddress.get())));
    }

    private static boolean isInternal(String group) {
        return group.startsWith("%");
    }

    private static String remoteAddress(Channel channel) {
        java.net.SocketAddress address = channel.remoteAddress();
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
