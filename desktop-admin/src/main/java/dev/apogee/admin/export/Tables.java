package dev.apogee.admin.export;

import dev.apogee.admin.service.BrokerInfo;
import dev.apogee.admin.service.GroupSummary;
import dev.apogee.admin.service.OffsetChange;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.service.QueueOffsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The screens' tables as {@link TableData}, with the same texts the views show (unknown stays "unknown"). */
public final class Tables {

    private static final String UNKNOWN = "unknown";

    private Tables() {
    }

    public static TableData brokers(List<BrokerInfo> brokers) {
        return new TableData(List.of("cluster", "broker", "id", "address", "role", "version", "putTps", "getTps",
                "diskUsed"), brokers.stream().map(broker -> List.of(broker.cluster(), broker.brokerName(),
                Long.toString(broker.brokerId()), broker.address(), broker.role(), broker.version().orElse(UNKNOWN),
                number(broker.putTps()), number(broker.getTps()), number(broker.diskUsedRatio()))).toList());
    }

    public static TableData queueOffsets(List<QueueOffsets> queues) {
        return new TableData(List.of("topic", "broker", "queue", "minOffset", "maxOffset", "lastUpdated"),
                queues.stream().map(queue -> List.of(queue.queue().topic(), queue.queue().brokerName(),
                        Integer.toString(queue.queue().queueId()), Long.toString(queue.minOffset()),
                        Long.toString(queue.maxOffset()), queue.lastUpdated().map(Object::toString).orElse(""))).toList());
    }

    public static TableData groups(List<GroupSummary> groups) {
        return new TableData(List.of("group", "totalLag", "consumeTps", "onlineClients"), groups.stream()
                .map(group -> List.of(group.group(), number(group.totalLag()), Double.toString(group.consumeTps()),
                        Integer.toString(group.onlineClients()))).toList());
    }

    public static TableData groupQueues(List<QueueLagRow> rows) {
        return new TableData(List.of("topic", "broker", "queue", "brokerOffset", "consumerOffset", "lag",
                "assignedClient", "lastConsumed"), rows.stream().map(row -> List.of(row.queue().topic(),
                row.queue().brokerName(), Integer.toString(row.queue().queueId()), Long.toString(row.brokerOffset()),
                number(row.consumerOffset()), number(row.lag()), row.assignedClient() == null ? ""
                        : row.assignedClient() + (row.assignmentEstimated() ? " (estimated)" : ""),
                row.lastConsumed().map(Object::toString).orElse(""))).toList());
    }

    public static TableData offsetChanges(List<OffsetChange> changes) {
        return new TableData(List.of("topic", "broker", "queue", "currentOffset", "newOffset"), changes.stream()
                .map(change -> List.of(change.queue().topic(), change.queue().brokerName(),
                        Integer.toString(change.queue().queueId()), number(change.currentOffset()),
                        Long.toString(change.newOffset()))).toList());
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : UNKNOWN;
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : UNKNOWN;
    }
}
