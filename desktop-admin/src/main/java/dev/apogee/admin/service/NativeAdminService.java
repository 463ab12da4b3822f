package dev.apogee.admin.service;

import dev.apogee.client.NoRouteException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.BrokerRuntimeStats;
import dev.apogee.client.admin.BrokerView;
import dev.apogee.client.admin.ClusterView;
import dev.apogee.client.admin.TopicQueueStats;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.auth.Credentials;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The {@link AdminService} over Apogee's native client: an {@link AdminClient} with a runtime of its own
 * (name servers, credentials, TLS from the {@link ConnectionSpec}), its test producer for sends, and
 * the client's consumer requests for the offset look-ups the admin client does not offer
 * (SEARCH_OFFSET_BY_TIMESTAMP) - reads only.
 */
public final class NativeAdminService implements AdminService {

    private static final Logger LOG = LogManager.getLogger(NativeAdminService.class);
    /** How long one admin request may take: long enough for a busy broker, short enough for a dead one. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionSpec spec;
    private final AdminClient admin;
    private final ConsumerRequests offsets;
    private final GroupQueries groups;

    private NativeAdminService(ConnectionSpec spec, AdminClient admin) {
        this.spec = spec;
        this.admin = admin;
        this.offsets = new ConsumerRequests(admin.runtime().rpc(), admin.runtime().routes(), REQUEST_TIMEOUT.toMillis());
        this.groups = new GroupQueries(admin, this::queueOffsets);
    }

    /**
     * Connects to {@code spec}'s cluster (no request is made yet).
     *
     * @throws IllegalArgumentException if the trusted-certificates file does not exist
     */
    public static NativeAdminService connect(ConnectionSpec spec) {
        AdminClient.Builder builder = AdminClient.builder().nameServers(spec.nameServers().toArray(String[]::new))
                .requestTimeout(REQUEST_TIMEOUT);
        if (spec.signed()) {
            builder.credentials(Credentials.of(spec.accessKey(), spec.secretKey()));
        }
        if (spec.tls()) {
            Path trusted = spec.trustedCertificates() == null ? null : Path.of(spec.trustedCertificates());
            if (trusted != null && !Files.isReadable(trusted)) {
                throw new IllegalArgumentException("the trusted certificates file " + trusted + " cannot be read");
            }
            builder.tls(TlsConfig.client(trusted));
        }
        builder.runtimeOptions(runtime -> runtime.instanceName("apogee-admin-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime()));
        return new NativeAdminService(spec, builder.build());
    }

    @Override
    public ConnectionSpec connection() {
        return spec;
    }

    @Override
    public ClusterSummary ping() {
        List<ClusterView> clusters = admin.clusters().clusters();
        return new ClusterSummary(clusters.stream().map(ClusterView::name).toList(),
                clusters.stream().mapToInt(cluster -> cluster.brokers().size()).sum());
    }

    @Override
    public List<BrokerInfo> brokers() {
        List<BrokerInfo> brokers = new ArrayList<>();
        for (BrokerView broker : admin.clusters().brokers()) {
            String role = broker.isMaster() ? "MASTER" : "SLAVE";
            try {
                BrokerRuntimeStats stats = admin.clusters().runtimeStats(broker.address());
                String reported = stats.raw().get("brokerRole");
                brokers.add(new BrokerInfo(broker.cluster(), broker.brokerName(), broker.brokerId(), broker.address(),
                        reported != null ? reported : role, stats.version(), stats.putTps(), stats.getTps(),
                        stats.diskUsedRatio(), null));
            } catch (RuntimeException e) {
                // One broker down must not blank the whole table: its row says why.
                LOG.debug("runtime figures of {} failed", broker.address(), e);
                brokers.add(new BrokerInfo(broker.cluster(), broker.brokerName(), broker.brokerId(), broker.address(),
                        role, Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        e.getMessage()));
            }
        }
        return brokers;
    }

    @Override
    public List<String> clusterNames() {
        return admin.clusters().clusters().stream().map(ClusterView::name).toList();
    }

    @Override
    public Set<String> clusterAndBrokerNames() {
        Set<String> names = new HashSet<>();
        for (ClusterView cluster : admin.clusters().clusters()) {
            names.add(cluster.name());
            cluster.brokers().forEach(broker -> names.add(broker.brokerName()));
        }
        return names;
    }

    @Override
    public List<TopicInfo> topics() {
        Set<String> own = clusterAndBrokerNames();
        return new TreeSet<>(admin.topics().list()).stream()
                .map(topic -> new TopicInfo(topic, SystemTopics.classify(topic, own))).toList();
    }

    @Override
    public void createOrUpdateTopic(String cluster, TopicDefinition topic) {
        admin.topics().createOrUpdate(cluster, new TopicSpec(topic.name(), topic.readQueues(), topic.writeQueues(),
                topic.permission().bits(), topic.ordered()));
    }

    @Override
    public void deleteTopic(String cluster, String topic) {
        admin.topics().delete(cluster, topic);
    }

    @Override
    public TopicRouteInfo route(String topic) {
        TopicRoute route = admin.topics().route(topic);
        List<TopicRouteInfo.BrokerQueues> brokers = new ArrayList<>();
        for (QueueData queues : route.data().queueDatas()) {
            BrokerData broker = route.brokers().stream().filter(data -> data.brokerName().equals(queues.brokerName()))
                    .findFirst().orElse(null);
            brokers.add(new TopicRouteInfo.BrokerQueues(queues.brokerName(), broker == null ? null : broker.cluster(),
                    broker == null ? Map.of() : broker.brokerAddrs(), queues.readQueueNums(), queues.writeQueueNums(),
                    TopicPermission.of(queues.perm())));
        }
        brokers.sort(Comparator.comparing(TopicRouteInfo.BrokerQueues::brokerName));
        return new TopicRouteInfo(topic, brokers, route.ordered());
    }

    @Override
    public List<QueueOffsets> queueOffsets(String topic) {
        List<QueueOffsets> all = new ArrayList<>();
        for (TopicQueueStats stats : admin.topics().stats(topic)) {
            all.add(new QueueOffsets(Records.queue(stats.queue()), stats.minOffset(), stats.maxOffset(),
                    stats.lastUpdated()));
        }
        return all;
    }

    @Override
    public List<MessageRecord> browse(QueueRef queue, long from, long to) {
        return admin.messages().browse(Records.queue(queue), from, to).stream()
                .map(view -> Records.message(view, queue.brokerName())).toList();
    }

    @Override
    public long offsetAt(QueueRef queue, Instant time) {
        return Rpc.await(offsets.offsetAt(Records.queue(queue), time.toEpochMilli()));
    }

    @Override
    public List<MessageRecord> queryByKey(String topic, String key, Instant begin, Instant end, int max) {
        return admin.messages().queryByKey(topic, key, begin, end, max).stream()
                .map(view -> Records.message(view, null)).toList();
    }

    @Override
    public IdQueryResult queryById(String topic, String id) {
        String trimmed = id.trim();
        if (isOffsetIdOfThisCluster(trimmed)) {
            try {
                MessageView view = admin.messages().viewByOffsetId(trimmed);
                return new IdQueryResult(IdKind.OFFSET_ID, List.of(Records.message(view, null)));
            } catch (RuntimeException e) {
                // A unique id that happens to decode to a broker's address (unlikely): try it as one.
                LOG.debug("{} looked like an offset id but reading it failed", trimmed, e);
            }
        }
        return new IdQueryResult(IdKind.UNIQUE_ID, admin.messages().queryByUniqueId(topic, trimmed).stream()
                .map(view -> Records.message(view, null)).toList());
    }

    /**
     * An offset id decodes to a store host and port; a unique id of the same length decodes to
     * nonsense (the producer's address, then its pid and a hash where the port would be), which is not
     * one of this cluster's brokers.
     */
    private boolean isOffsetIdOfThisCluster(String id) {
        MessageIds.OffsetMessageId decoded;
        try {
            decoded = MessageIds.decode(id.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String address = Records.address(decoded.storeHost());
        return admin.clusters().brokers().stream().anyMatch(broker -> broker.address().equals(address));
    }

    @Override
    public List<MessageRecord> queryByTime(String topic, Instant begin, Instant end, int max) {
        Topics.checkName(topic);
        List<MessageRecord> found = new ArrayList<>();
        for (QueueOffsets queue : queueOffsets(topic)) {
            long from = Math.max(queue.minOffset(), offsetAt(queue.queue(), begin));
            long to = Math.min(queue.maxOffset(), offsetAt(queue.queue(), end));
            // At most max from each queue: the oldest max overall are among them.
            to = Math.min(to, from + max);
            for (long start = from; start < to; start += dev.apogee.client.admin.MessageAdmin.MAX_BROWSE) {
                long stop = Math.min(to, start + dev.apogee.client.admin.MessageAdmin.MAX_BROWSE);
                for (MessageRecord message : browse(queue.queue(), start, stop)) {
                    if (!message.storeTime().isBefore(begin) && message.storeTime().isBefore(end)) {
                        found.add(message);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(MessageRecord::storeTime).thenComparing(MessageRecord::queueId)
                .thenComparingLong(MessageRecord::queueOffset));
        return found.size() > max ? List.copyOf(found.subList(0, max)) : found;
    }

    @Override
    public List<GroupSummary> groups() {
        return groups.summaries();
    }

    @Override
    public GroupDetail group(String group) {
        return groups.detail(group);
    }

    @Override
    public List<OffsetChange> previewReset(String group, String topic, ResetTarget target) {
        return groups.previewReset(group, topic, target, this::offsetAt);
    }

    @Override
    public List<OffsetChange> resetOffsets(String group, String topic, ResetTarget target) {
        return groups.reset(group, topic, target);
    }

    @Override
    public SendReceipt send(OutgoingMessage outgoing) {
        Message message = Message.of(Topics.checkSendable(outgoing.topic()), outgoing.body());
        if (outgoing.tags() != null && !outgoing.tags().isBlank()) {
            message = message.tags(outgoing.tags());
        }
        if (!outgoing.keys().isEmpty()) {
            message = message.keys(outgoing.keys());
        }
        for (Map.Entry<String, String> property : outgoing.properties().entrySet()) {
            message = message.property(property.getKey(), property.getValue());
        }
        SendResult result = admin.messages().sendTestMessage(message);
        return new SendReceipt(result.status().name(), result.messageId(), result.offsetMessageId(),
                Records.queue(result.queue()), result.queueOffset());
    }

    @Override
    public SendReceipt resend(MessageRecord original, String topic) {
        return send(new OutgoingMessage(topic, original.tags(), original.keys(), original.userProperties(),
                original.body()));
    }

    @Override
    public List<MessageRecord> deadLetters(String group, int max) {
        String topic = Topics.DLQ_PREFIX + group;
        List<QueueOffsets> queues;
        try {
            queues = queueOffsets(topic);
        } catch (NoRouteException e) {
            return List.of();
        }
        int perQueue = Math.min(max, dev.apogee.client.admin.MessageAdmin.MAX_BROWSE);
        List<MessageRecord> found = new ArrayList<>();
        for (QueueOffsets queue : queues) {
            long from = Math.max(queue.minOffset(), queue.maxOffset() - perQueue);
            if (from < queue.maxOffset()) {
                found.addAll(browse(queue.queue(), from, queue.maxOffset()));
            }
        }
        found.sort(Comparator.comparing(MessageRecord::storeTime).reversed());
        return found.size() > max ? List.copyOf(found.subList(0, max)) : found;
    }

    @Override
    public void close() {
        admin.close();
    }
}
