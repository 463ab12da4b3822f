package dev.apogee.admin.service;

import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.ClientConnection;
import dev.apogee.client.admin.GroupConnections;
import dev.apogee.client.admin.GroupLag;
import dev.apogee.client.admin.QueueLag;
import dev.apogee.client.consumer.rebalance.AverageAllocation;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The consumer-group half of {@link NativeAdminService}: lag, members, and offset resets with their preview. */
final class GroupQueries {

    private static final Logger LOG = LogManager.getLogger(GroupQueries.class);

    private final AdminClient admin;
    private final Function<String, List<QueueOffsets>> queueOffsets;

    GroupQueries(AdminClient admin, Function<String, List<QueueOffsets>> queueOffsets) {
        this.admin = admin;
        this.queueOffsets = queueOffsets;
    }

    List<GroupSummary> summaries() {
        List<GroupSummary> summaries = new ArrayList<>();
        for (String group : admin.groups().list()) {
            boolean system = SystemTopics.isSystemGroup(group);
            try {
                GroupLag lag = admin.groups().lag(group);
                int online = admin.groups().connections(group).connections().size();
                summaries.add(new GroupSummary(group, totalLag(lag), lag.consumeTps(), online, system,
                        lag.unreachableBrokers().isEmpty() ? null : "no answer from " + lag.unreachableBrokers()));
            } catch (RuntimeException e) {
                LOG.debug("figures of group {} failed", group, e);
                summaries.add(new GroupSummary(group, OptionalLong.empty(), 0, 0, system, e.getMessage()));
            }
        }
        return summaries;
    }

    /**
     * The client's total, except that a group with no queues at all has an unknown lag: the brokers
     * list no queue for a group that neither committed an offset nor has a live member, and "nothing
     * to consume" cannot be told from "nothing known" there.
     */
    private static OptionalLong totalLag(GroupLag lag) {
        return lag.queues().isEmpty() ? OptionalLong.empty() : lag.totalLag();
    }

    GroupDetail detail(String group) {
        GroupLag lag = admin.groups().lag(group);
        GroupConnections members = admin.groups().connections(group);
        Map<MessageQueue, String> reported = reportedAssignment(group, members);
        Map<MessageQueue, String> estimated = reported.isEmpty() ? estimateAssignment(group, lag, members) : Map.of();
        List<QueueLagRow> rows = new ArrayList<>();
        for (QueueLag queue : lag.queues()) {
            String client = reported.get(queue.queue());
            boolean guessed = client == null && estimated.containsKey(queue.queue());
            if (guessed) {
                client = estimated.get(queue.queue());
            }
            rows.add(new QueueLagRow(Records.queue(queue.queue()), queue.brokerOffset(), queue.consumerOffset(),
                    queue.lag(), queue.lastConsumed(), client, guessed));
        }
        List<ClientInfo> clients = members.connections().stream().map(GroupQueries::client).toList();
        return new GroupDetail(group, rows, totalLag(lag), lag.consumeTps(), clients, members.messageModel(),
                members.consumeType(), members.subscriptions(), lag.unreachableBrokers());
    }

    private static ClientInfo client(ClientConnection connection) {
        return new ClientInfo(connection.clientId(), connection.address(), connection.language(), connection.version());
    }

    /**
     * Which member reads which queue, as each member says (GET_CONSUMER_RUNNING_INFO through its broker).
     * Empty when no member answers (clients that do not implement it, or none online); a broadcasting
     * group's members all read every queue, so none is named.
     */
    private Map<MessageQueue, String> reportedAssignment(String group, GroupConnections members) {
        Map<MessageQueue, String> assignment = new HashMap<>();
        if (!members.online() || !"CLUSTERING".equals(members.messageModel())) {
            return assignment;
        }
        for (String clientId : members.connections().stream().map(ClientConnection::clientId).distinct().toList()) {
            try {
                admin.groups().runningInfo(group, clientId, false).mqTable().forEach((queue, state) -> {
                    if (!state.droped()) {
                        assignment.put(queue, clientId);
                    }
                });
            } catch (RuntimeException e) {
                LOG.debug("member {} of {} did not describe itself", clientId, group, e);
            }
        }
        return assignment;
    }

    /**
     * When no member says: which member reads which queue, as RocketMQ's default strategy (average allocation over the
     * sorted queues and sorted member ids) divides them. Only an estimate: members may use another
     * strategy.
     * Broadcasting groups read every queue with every member, so none is named.
     */
    private Map<MessageQueue, String> estimateAssignment(String group, GroupLag lag, GroupConnections members) {
        Map<MessageQueue, String> assignment = new HashMap<>();
        if (!members.online() || !"CLUSTERING".equals(members.messageModel())) {
            return assignment;
        }
        List<String> clientIds = members.connections().stream().map(ClientConnection::clientId).distinct().sorted()
                .toList();
        for (String topic : lag.queues().stream().map(queue -> queue.queue().topic()).distinct().toList()) {
            try {
                List<MessageQueue> queues = new ArrayList<>(admin.topics().route(topic).readableQueues());
                queues.sort(null);
                for (String clientId : clientIds) {
                    AverageAllocation.INSTANCE.allocate(group, clientId, queues, clientIds)
                            .forEach(queue -> assignment.put(queue, clientId));
                }
            } catch (RuntimeException e) {
                LOG.debug("no route for {} to estimate the assignment", topic, e);
            }
        }
        return assignment;
    }

    /** What a reset would change: the same searches the broker makes, and the committed offsets, read only. */
    List<OffsetChange> previewReset(String group, String topic, ResetTarget target,
                                    BiFunction<QueueRef, Instant, Long> offsetAt) {
        Map<QueueRef, OptionalLong> current = committedOffsets(group);
        List<OffsetChange> changes = new ArrayList<>();
        for (QueueOffsets queue : queueOffsets.apply(topic)) {
            long newOffset = switch (target.kind()) {
                case LATEST -> queue.maxOffset();
                // The broker resets "earliest" as the first message at or after time 0.
                case EARLIEST -> offsetAt.apply(queue.queue(), Instant.EPOCH);
                case TIMESTAMP -> offsetAt.apply(queue.queue(), target.time());
            };
            changes.add(new OffsetChange(queue.queue(), current.getOrDefault(queue.queue(), OptionalLong.empty()),
                    newOffset));
        }
        return changes;
    }

    List<OffsetChange> reset(String group, String topic, ResetTarget target) {
        Map<QueueRef, OptionalLong> before = committedOffsets(group);
        Map<MessageQueue, Long> after = switch (target.kind()) {
            case LATEST -> admin.groups().resetToLatest(group, topic);
            case EARLIEST -> admin.groups().resetToEarliest(group, topic);
            case TIMESTAMP -> admin.groups().resetOffset(group, topic, target.time());
        };
        List<OffsetChange> changes = new ArrayList<>();
        after.forEach((queue, offset) -> {
            QueueRef ref = Records.queue(queue);
            changes.add(new OffsetChange(ref, before.getOrDefault(ref, OptionalLong.empty()), offset));
        });
        changes.sort(java.util.Comparator.comparing(OffsetChange::queue));
        return changes;
    }

    /**
     * The group's committed offsets as its lag reports them. Not QUERY_CONSUMER_OFFSET: brokers answer
     * that with 0 for a group that never committed on a queue still starting at 0 (so that a new
     * consumer reads from the start), which would show "0" where the truth is "none".
     */
    private Map<QueueRef, OptionalLong> committedOffsets(String group) {
        Map<QueueRef, OptionalLong> committed = new HashMap<>();
        for (QueueLag queue : admin.groups().lag(group).queues()) {
            committed.put(Records.queue(queue.queue()), queue.consumerOffset());
        }
        return committed;
    }
}
