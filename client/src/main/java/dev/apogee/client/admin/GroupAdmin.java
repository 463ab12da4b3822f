package dev.apogee.client.admin;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.GroupNames;
import dev.apogee.client.message.Topics;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.Connection;
import dev.apogee.remoting.protocol.body.ConsumeStats;
import dev.apogee.remoting.protocol.body.ConsumerConnection;
import dev.apogee.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.MessageQueueMaps;
import dev.apogee.remoting.protocol.body.OffsetWrapper;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.ResetOffsetBody;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import dev.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.DeleteSubscriptionGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GetConsumeStatsRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GetConsumerRunningInfoRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.ResetOffsetRequestHeader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Consumer groups: listing, members, lag, and moving their offsets. Get it from {@link AdminClient#groups()}.
 */
public final class GroupAdmin {

    private final AdminRequests requests;

    GroupAdmin(AdminRequests requests) {
        this.requests = requests;
    }

    /**
     * Every subscription group known to any master (GET_ALL_SUBSCRIPTIONGROUP_CONFIG), brokers' own
     * included.
     *
     * @throws dev.apogee.client.ClientException if a master did not answer (its groups would be missing)
     */
    public Set<String> list() {
        Set<String> groups = new TreeSet<>();
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null);
        for (AdminRequests.Answer answer : requests.fanOut(requests.masters(null), request)) {
            groups.addAll(RemotingJson.decode(success(answer).body(), SubscriptionGroupWrapper.class)
                    .subscriptionGroupTable().keySet());
        }
        return groups;
    }

    /**
     * Creates {@code config}'s subscription group, or replaces its settings, on every master
     * (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP): the retry policy, whether it may consume, its attributes.
     *
     * @throws dev.apogee.client.ClientException if a master refused or did not answer (the others may have it)
     */
    public void createOrUpdate(SubscriptionGroupConfig config) {
        GroupNames.check(config.groupName());
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null,
                RemotingJson.encode(config));
        requests.fanOut(requests.masters(null), request).forEach(GroupAdmin::success);
    }

    /**
     * The subscription group config of {@code group} (GET_SUBSCRIPTIONGROUP_CONFIG) as the first master
     * that has it answers; empty when none has it.
     *
     * @throws dev.apogee.client.ClientException if a master did not answer
     */
    public Optional<SubscriptionGroupConfig> config(String group) {
        GroupNames.check(group);
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG,
                new GroupRequestHeader(group));
        for (AdminRequests.Answer answer : requests.fanOut(requests.masters(null), request)) {
            if (answer.failure() != null) {
                throw answer.failure();
            }
            // Brokers without the group answer with an error code (which one differs between versions).
            if (answer.response().code() == ResponseCode.SUCCESS && answer.response().body() != null) {
                return Optional.of(RemotingJson.decode(answer.response().body(), SubscriptionGroupConfig.class));
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes subscription group {@code group} from every master (DELETE_SUBSCRIPTIONGROUP), and its
     * consumer offsets when {@code cleanOffsets}. Deleting an unknown group succeeds.
     *
     * @throws dev.apogee.client.ClientException if a master refused or did not answer
     */
    public void delete(String group, boolean cleanOffsets) {
        GroupNames.check(group);
        RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP,
                new DeleteSubscriptionGroupRequestHeader(group, cleanOffsets));
        requests.fanOut(requests.masters(null), request).forEach(GroupAdmin::success);
    }

    /** The live members of {@code group} on every master; {@link GroupConnections#online()} false when none. */
    public GroupConnections connections(String group) {
        GroupNames.check(group);
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST,
                new ConsumerGroupRequestHeader(group));
        Map<String, ClientConnection> connections = new TreeMap<>();
        Map<String, String> subscriptions = new TreeMap<>();
        ConsumerConnection described = null;
        for (AdminRequests.Answer answer : requests.fanOut(requests.masters(null), request)) {
            if (answer.failure() == null && answer.response().code() == ResponseCode.CONSUMER_NOT_ONLINE) {
                continue;
            }
            ConsumerConnection body = RemotingJson.decode(success(answer).body(), ConsumerConnection.class);
            described = described == null ? body : described;
            for (Connection connection : body.connectionSet()) {
                connections.putIfAbsent(connection.clientId() + "@" + connection.clientAddr(), new ClientConnection(
                        connection.clientId(), connection.clientAddr(), String.valueOf(connection.language()),
                        connection.version()));
            }
            body.subscriptionTable().forEach((topic, data) -> subscriptions.putIfAbsent(topic, data.subString()));
        }
        return new GroupConnections(group, described == null ? null : described.consumeType(),
                described == null ? null : described.messageModel(),
                described == null ? null : described.consumeFromWhere(), List.copyOf(connections.values()), subscriptions);
    }

    /**
     * How one member of {@code group} runs (GET_CONSUMER_RUNNING_INFO, relayed by a broker it is connected
     * to): its settings, subscriptions and the queues it holds now, with their local state. This is how an
     * admin learns which client reads which queue. {@code clientId} is a {@link ClientConnection#clientId()}.
     *
     * @param threadDump whether the client should add a dump of its threads
     * @throws BrokerRefusedException if no broker could reach the client (it is not online), with the
     *                                last broker's answer
     */
    public ConsumerRunningInfo runningInfo(String group, String clientId, boolean threadDump) {
        GroupNames.check(group);
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO,
                new GetConsumerRunningInfoRequestHeader(group, clientId, threadDump));
        AdminRequests.Answer last = null;
        for (AdminRequests.Answer answer : requests.fanOut(requests.masters(null), request)) {
            if (answer.ok()) {
                return ConsumerRunningInfo.decode(answer.response().body());
            }
            last = answer;
        }
        if (last == null) {
            throw new BrokerRefusedException("-", ResponseCode.SYSTEM_ERROR, "no broker to ask " + clientId);
        }
        success(last);
        throw new IllegalStateException("unreachable: the last answer was not a success");
    }

    /**
     * How far {@code group} is behind on every master, per queue of the topics it consumes. A queue
     * where the group never committed an offset has an unknown lag (not the whole backlog, not 0).
     */
    public GroupLag lag(String group) {
        GroupNames.check(group);
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUME_STATS,
                new GetConsumeStatsRequestHeader(group, null, null));
        List<QueueLag> queues = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        double tps = 0;
        for (AdminRequests.Answer answer : requests.fanOut(requests.masters(null), request)) {
            if (answer.failure() == null && answer.response().code() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) {
                continue;
            }
            if (!answer.ok()) {
                unreachable.add(answer.brokerName());
                continue;
            }
            ConsumeStats stats = MessageQueueMaps.decode(answer.response().body(), ConsumeStats.class);
            tps += stats.consumeTps();
            CommittedOffsets committed = new CommittedOffsets(answer.address(), group);
            stats.offsetTable().forEach((queue, offsets) -> queues.add(queueLag(queue, offsets, committed)));
        }
        queues.sort(Comparator.comparing(QueueLag::queue));
        return new GroupLag(group, queues, tps, unreachable);
    }

    private static QueueLag queueLag(MessageQueue queue, OffsetWrapper offsets, CommittedOffsets committed) {
        // Brokers report 0 for "never committed": only the broker's offset table can tell the two apart.
        OptionalLong consumer = offsets.consumerOffset() == 0 && offsets.brokerOffset() > 0
                && !committed.has(queue) ? OptionalLong.empty() : OptionalLong.of(offsets.consumerOffset());
        Optional<Instant> last = offsets.lastTimestamp() > 0 ? Optional.of(Instant.ofEpochMilli(offsets.lastTimestamp()))
                : Optional.empty();
        return new QueueLag(queue, offsets.brokerOffset(), consumer, last);
    }

    /** One broker's committed offsets of one group, fetched once and only if a queue needs them. */
    private final class CommittedOffsets {
        private final String address;
        private final String group;
        private Map<String, Map<Integer, Long>> table;

        CommittedOffsets(String address, String group) {
            this.address = address;
            this.group = group;
        }

        boolean has(MessageQueue queue) {
            if (table == null) {
                try {
                    table = RemotingJson.decode(requests.broker(address, RemotingCommand.request(
                            RequestCode.GET_ALL_CONSUMER_OFFSET, null)).body(), ConsumerOffsetSerializeWrapper.class)
                            .offsetTable();
                } catch (RuntimeException e) {
                    // Cannot tell: the lag stays unknown rather than guessed.
                    table = Map.of();
                }
            }
            Map<Integer, Long> byQueue = table.get(queue.topic() + "@" + group);
            return byQueue != null && byQueue.containsKey(queue.queueId());
        }
    }

    /**
     * Moves {@code group}'s offsets on every queue of {@code topic} to the first message stored at or
     * after {@code time} (INVOKE_BROKER_TO_RESET_OFFSET, forced: also forward), on every broker of the
     * topic's route; live members are told by the brokers. Returns the new offsets.
     *
     * @throws BrokerRefusedException with the broker's code (e.g. SUBSCRIPTION_GROUP_NOT_EXIST) and remark
     */
    public Map<MessageQueue, Long> resetOffset(String group, String topic, Instant time) {
        return reset(group, topic, time.toEpochMilli());
    }

    /** {@link #resetOffset} to each queue's first message kept. */
    public Map<MessageQueue, Long> resetToEarliest(String group, String topic) {
        return reset(group, topic, 0);
    }

    /** {@link #resetOffset} to each queue's end: the group skips everything stored so far. */
    public Map<MessageQueue, Long> resetToLatest(String group, String topic) {
        // -1 is the protocol's "the queue's end".
        return reset(group, topic, -1);
    }

    private Map<MessageQueue, Long> reset(String group, String topic, long timestamp) {
        GroupNames.check(group);
        Topics.checkName(topic);
        TopicRoute route = new TopicAdmin(requests).route(topic);
        RemotingCommand request = RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                new ResetOffsetRequestHeader(topic, group, timestamp, null, null, Boolean.TRUE));
        Map<MessageQueue, Long> offsets = new HashMap<>();
        for (AdminRequests.Answer answer : requests.fanOut(route.masters(), request)) {
            ResetOffsetBody body = MessageQueueMaps.decode(success(answer).body(), ResetOffsetBody.class);
            offsets.putAll(body.offsetTable());
        }
        return new TreeMap<>(offsets);
    }

    private static RemotingCommand success(AdminRequests.Answer answer) {
        if (answer.failure() != null) {
            throw answer.failure();
        }
        if (answer.response().code() != ResponseCode.SUCCESS) {
            throw new BrokerRefusedException(answer.address(), answer.response().code(), answer.response().remark());
        }
        return answer.response();
    }
}
