package dev.apogee.namesrv.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.BrokerMemberGroup;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.TopicConfig;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * All routing state of the name server: broker groups and clusters, which broker group serves
 * which topic with how many queues, and when each broker process was last heard from.
 *
 * <p>Brokers fill it by registering (every 30 s by default); a broker leaves it by unregistering,
 * by closing the connection it registered on, or by falling silent for longer than its heartbeat
 * timeout. A broker group disappears with its last member, and with it its queues in every topic.
 *
 * <p>Only a master (id 0) publishes its topics; a slave's registration only records its address.
 * Topic queues are refreshed when the broker's {@link DataVersion} changed, on its first
 * registration, or for topics that lack the broker's queues.
 *
 * <p>Thread-safety: every method is safe from any thread. One {@link ReadWriteLock} guards all
 * tables: queries take the read lock and return immutable snapshots, changes take the write lock.
 * No method does I/O or calls out while holding it.
 */
public final class RouteTable {

    private static final Logger LOG = LogManager.getLogger(RouteTable.class);
    private static final int FLAG_UNIT = 1;
    private static final int FLAG_UNIT_SUB = 1 << 1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, QueueData>> topicQueues = new HashMap<>();
    private final Map<String, BrokerGroup> brokers = new HashMap<>();
    private final Map<String, Set<String>> clusters = new HashMap<>();
    private final Map<BrokerAddress, LiveBroker> live = new HashMap<>();
    private final Map<BrokerAddress, List<String>> filterServers = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> staticTopicMappings = new HashMap<>();
    private final long defaultTimeoutMillis;
    private final LongSupplier clock;
    private final BooleanSupplier deleteTopicsMissingFromRegistration;

    /**
     * @param defaultTimeoutMillis               expiry of brokers that do not state their own
     * @param clock                              current time in millis; tests pass a fake
     * @param deleteTopicsMissingFromRegistration whether a registration removes the broker's queues
     *                                           from topics it no longer lists
     */
    public RouteTable(long defaultTimeoutMillis, LongSupplier clock,
                      BooleanSupplier deleteTopicsMissingFromRegistration) {
        if (defaultTimeoutMillis <= 0) {
            throw new IllegalArgumentException("defaultTimeoutMillis must be positive");
        }
        this.defaultTimeoutMillis = defaultTimeoutMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deleteTopicsMissingFromRegistration = deleteTopicsMissingFromRegistration;
    }

    /** Records a broker's registration made on {@code channel}. */
    public RegistrationResult register(BrokerRegistration r, Channel channel) {
        lock.writeLock().lock();
        try {
            return registerLocked(r, channel);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private RegistrationResult registerLocked(BrokerRegistration r, Channel channel) {
        clusters.computeIfAbsent(r.clusterName(), k -> new TreeSet<>()).add(r.brokerName());
        BrokerGroup group = brokers.get(r.brokerName());
        boolean first = group == null;
        if (first) {
            group = new BrokerGroup(r.clusterName(), r.brokerName());
            brokers.put(r.brokerName(), group);
        }
        group.enableActingMaster = Boolean.TRUE.equals(r.enableActingMaster());
        group.zoneName = r.zoneName();
        // One address holds one id: a slave promoted to master re-registers under id 0.
        group.addrs.entrySet().removeIf(e -> e.getValue().equals(r.brokerAddr()) && e.getKey() != r.brokerId());

        DataVersion version = r.topics().dataVersion();
        String previousAddr = group.addrs.get(r.brokerId());
        if (previousAddr != null && !previousAddr.equals(r.brokerAddr())) {
            LiveBroker previous = live.get(new BrokerAddress(r.clusterName(), previousAddr));
            if (previous != null && previous.dataVersion().stateVersion() > version.stateVersion()) {
                // Another process holds this id with a newer role state: the newcomer is stale.
                LOG.warn("Ignoring registration of {} as {}[{}]: {} holds the id with a newer state version",
                        r.brokerAddr(), r.brokerName(), r.brokerId(), previousAddr);
                live.remove(r.address());
                return RegistrationResult.NO_MASTER;
            }
        }
        // A single-topic registration is an increment on top of a full one this server has not seen
        // (it restarted): refuse it so that the broker's next full registration is the first one.
        if (!group.addrs.containsKey(r.brokerId()) && r.topics().topicConfigTable().size() == 1) {
            LOG.warn("Refusing single-topic registration of unknown broker {}[{}] {}", r.brokerName(), r.brokerId(),
                    r.brokerAddr());
            return RegistrationResult.REJECTED;
        }
        String replaced = group.addrs.put(r.brokerId(), r.brokerAddr());
        first = first || replaced == null || replaced.isEmpty();

        boolean master = r.brokerId() == BrokerData.MASTER_ID;
        boolean primeSlave = r.enableActingMaster() != null && !master && r.brokerId() == group.addrs.firstKey();
        if (master || primeSlave) {
            boolean versionChanged = !version.equals(storedVersion(r.address()));
            publishTopics(r, group, first, versionChanged, primeSlave && group.enableActingMaster);
        }
        live.put(r.address(), new LiveBroker(clock.getAsLong(),
                r.heartbeatTimeoutMillis() != null && r.heartbeatTimeoutMillis() > 0
                        ? r.heartbeatTimeoutMillis() : defaultTimeoutMillis,
                version, channel, r.haServerAddr()));
        if (r.filterServers().isEmpty()) {
            filterServers.remove(r.address());
        } else {
            filterServers.put(r.address(), r.filterServers());
        }
        if (!master) {
            String masterAddr = group.addrs.get(BrokerData.MASTER_ID);
            LiveBroker masterLive = masterAddr == null ? null
                    : live.get(new BrokerAddress(r.clusterName(), masterAddr));
            if (masterLive != null) {
                return new RegistrationResult(true, masterLive.haServerAddr(), masterAddr);
            }
        }
        return RegistrationResult.NO_MASTER;
    }

    private void publishTopics(BrokerRegistration r, BrokerGroup group, boolean first, boolean versionChanged,
                               boolean readOnly) {
        Map<String, TopicConfig> topics = r.topics().topicConfigTable();
        Map<String, JsonNode> mappings = r.topics().topicQueueMappingInfoMap();
        if (deleteTopicsMissingFromRegistration.getAsBoolean() && mappings.isEmpty()) {
            for (String topic : topicsOf(group.brokerName)) {
                if (!topics.containsKey(topic)) {
                    removeQueues(topic, group.brokerName);
                }
            }
        }
        for (TopicConfig topic : topics.values()) {
            Map<String, QueueData> queues = topicQueues.get(topic.topicName());
            if (first || versionChanged || queues == null || !queues.containsKey(group.brokerName)) {
                int perm = readOnly ? topic.perm() & ~TopicPerm.WRITE : topic.perm();
                topicQueues.computeIfAbsent(topic.topicName(), k -> new TreeMap<>())
                        .put(group.brokerName, QueueData.of(group.brokerName, topic.withPerm(perm)));
            }
        }
        if (first || versionChanged) {
            mappings.forEach((topic, mapping) -> staticTopicMappings.computeIfAbsent(topic, k -> new TreeMap<>())
                    .put(mapping.path("bname").asText(group.brokerName), mapping));
        }
    }

    /** Removes a broker process, as UNREGISTER_BROKER asks. */
    public void unregister(String clusterName, String brokerAddr, String brokerName) {
        lock.writeLock().lock();
        try {
            removeLocked(new BrokerAddress(clusterName, brokerAddr), brokerName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A broker's registration or heartbeat arrived: it is alive. */
    public void touch(String clusterName, String brokerAddr) {
        lock.writeLock().lock();
        try {
            live.computeIfPresent(new BrokerAddress(clusterName, brokerAddr), (k, v) -> v.touched(clock.getAsLong()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The topic-config version of a broker's last registration, or null if it is not registered. */
    public DataVersion dataVersion(String clusterName, String brokerAddr) {
        lock.readLock().lock();
        try {
            return storedVersion(new BrokerAddress(clusterName, brokerAddr));
        } finally {
            lock.readLock().unlock();
        }
    }

    private DataVersion storedVersion(BrokerAddress address) {
        LiveBroker broker = live.get(address);
        return broker == null ? null : broker.dataVersion();
    }

    /**
     * Removes every broker silent for longer than its timeout.
     *
     * @return the connections of the removed brokers, for the caller to close outside the lock
     */
    public List<Channel> expireSilentBrokers() {
        List<Channel> channels = new ArrayList<>();
        lock.writeLock().lock();
        try {
            long now = clock.getAsLong();
            for (Map.Entry<BrokerAddress, LiveBroker> e : new ArrayList<>(live.entrySet())) {
                if (e.getValue().expiredAt(now)) {
                    LOG.warn("Broker {} silent for more than {} ms, removing it", e.getKey(),
                            e.getValue().timeoutMillis());
                    if (e.getValue().channel() != null) {
                        channels.add(e.getValue().channel());
                    }
                    removeLocked(e.getKey(), brokerNameOf(e.getKey()));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        return channels;
    }

    /** Removes the brokers that registered on {@code channel}, which has closed. */
    public void channelClosed(Channel channel) {
        lock.writeLock().lock();
        try {
            for (Map.Entry<BrokerAddress, LiveBroker> e : new ArrayList<>(live.entrySet())) {
                if (e.getValue().channel() == channel) {
                    LOG.info("Connection of broker {} closed, removing it", e.getKey());
                    removeLocked(e.getKey(), brokerNameOf(e.getKey()));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private String brokerNameOf(BrokerAddress address) {
        for (BrokerGroup group : brokers.values()) {
            if (group.clusterName.equals(address.clusterName()) && group.addrs.containsValue(address.brokerAddr())) {
                return group.brokerName;
            }
        }
        return null;
    }

    private void removeLocked(BrokerAddress address, String brokerName) {
        live.remove(address);
        filterServers.remove(address);
        BrokerGroup group = brokerName == null ? null : brokers.get(brokerName);
        if (group == null) {
            return;
        }
        group.addrs.values().removeIf(address.brokerAddr()::equals);
        if (group.addrs.isEmpty()) {
            brokers.remove(brokerName);
            Set<String> names = clusters.get(address.clusterName());
            if (names != null && names.remove(brokerName) && names.isEmpty()) {
                clusters.remove(address.clusterName());
            }
            for (String topic : new ArrayList<>(topicQueues.keySet())) {
                removeQueues(topic, brokerName);
            }
            LOG.info("Broker group {} has no member left, removed from all routes", brokerName);
        } else if (group.enableActingMaster && group.hasNoMaster()) {
            // The master left and a slave acts for it: its queues stay readable but not writable.
            changePermLocked(brokerName, perm -> perm & ~TopicPerm.WRITE);
        }
    }

    private void removeQueues(String topic, String brokerName) {
        Map<String, QueueData> queues = topicQueues.get(topic);
        if (queues != null && queues.remove(brokerName) != null && queues.isEmpty()) {
            topicQueues.remove(topic);
        }
    }

    private Set<String> topicsOf(String brokerName) {
        Set<String> topics = new TreeSet<>();
        topicQueues.forEach((topic, queues) -> {
            if (queues.containsKey(brokerName)) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /** The route of {@code topic}, or empty when no live broker group serves it. */
    public Optional<TopicRouteData> route(String topic) {
        lock.readLock().lock();
        try {
            Map<String, QueueData> queues = topicQueues.get(topic);
            if (queues == null || queues.isEmpty()) {
                return Optional.empty();
            }
            List<BrokerData> brokerDatas = new ArrayList<>();
            Map<String, List<String>> filters = new LinkedHashMap<>();
            for (String brokerName : queues.keySet()) {
                BrokerGroup group = brokers.get(brokerName);
                if (group == null) {
                    continue;
                }
                brokerDatas.add(group.snapshot());
                for (String addr : group.addrs.values()) {
                    List<String> servers = filterServers.get(new BrokerAddress(group.clusterName, addr));
                    if (servers != null) {
                        filters.put(addr, servers);
                    }
                }
            }
            if (brokerDatas.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TopicRouteData(null, new ArrayList<>(queues.values()), brokerDatas, filters,
                    staticTopicMappings.get(topic)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every broker group and cluster. */
    public ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            Map<String, BrokerData> groups = new TreeMap<>();
            brokers.forEach((name, group) -> groups.put(name, group.snapshot()));
            return new ClusterInfo(groups, new TreeMap<>(clusters));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The members of one broker group; empty members when the group is unknown. */
    public BrokerMemberGroup memberGroup(String clusterName, String brokerName) {
        lock.readLock().lock();
        try {
            BrokerGroup group = brokers.get(brokerName);
            return new BrokerMemberGroup(clusterName, brokerName, group == null ? Map.of() : group.addrs);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every topic with a route. */
    public TopicList allTopics() {
        lock.readLock().lock();
        try {
            return TopicList.of(topicQueues.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics served by at least one broker group of {@code clusterName}; empty for an unknown cluster. */
    public TopicList topicsOfCluster(String clusterName) {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            for (String brokerName : clusters.getOrDefault(clusterName, Set.of())) {
                topics.addAll(topicsOf(brokerName));
            }
            return TopicList.of(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The "system topics" of the name server: every cluster name and broker group name (brokers
     * create topics named after them), plus the address of some broker to ask for the rest.
     */
    public TopicList systemTopics() {
        lock.readLock().lock();
        try {
            Set<String> names = new TreeSet<>();
            clusters.forEach((cluster, brokerNames) -> {
                names.add(cluster);
                names.addAll(brokerNames);
            });
            String anyBroker = brokers.values().stream().filter(g -> !g.addrs.isEmpty())
                    .map(g -> g.addrs.firstEntry().getValue()).findFirst().orElse(null);
            return new TopicList(names, anyBroker);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Topics whose queue data has the unit flag ({@code unit}) and/or the unit-subscription flag
     * ({@code unitSub}) as asked; null means "either".
     */
    public TopicList topicsWithFlags(Boolean unit, Boolean unitSub) {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            topicQueues.forEach((topic, queues) -> {
                int flag = queues.values().iterator().next().topicSysFlag();
                if (matches(unit, (flag & FLAG_UNIT) != 0) && matches(unitSub, (flag & FLAG_UNIT_SUB) != 0)) {
                    topics.add(topic);
                }
            });
            return TopicList.of(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static boolean matches(Boolean wanted, boolean actual) {
        return wanted == null || wanted == actual;
    }

    /** Removes the write permission from every queue of {@code brokerName}; returns the topics changed. */
    public int wipeWritePerm(String brokerName) {
        lock.writeLock().lock();
        try {
            return changePermLocked(brokerName, perm -> perm & ~TopicPerm.WRITE);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sets every queue of {@code brokerName} to read-write; returns the topics changed. */
    public int addWritePerm(String brokerName) {
        lock.writeLock().lock();
        try {
            return changePermLocked(brokerName, perm -> TopicPerm.READ_WRITE);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int changePermLocked(String brokerName, java.util.function.IntUnaryOperator change) {
        int topics = 0;
        for (Map<String, QueueData> queues : topicQueues.values()) {
            QueueData data = queues.get(brokerName);
            if (data != null) {
                queues.put(brokerName, data.withPerm(change.applyAsInt(data.perm())));
                topics++;
            }
        }
        return topics;
    }

    /** Removes a topic from every broker group, or only from those of {@code clusterName} if not null. */
    public void deleteTopic(String topic, String clusterName) {
        lock.writeLock().lock();
        try {
            if (clusterName == null || clusterName.isEmpty()) {
                topicQueues.remove(topic);
                staticTopicMappings.remove(topic);
                return;
            }
            for (String brokerName : clusters.getOrDefault(clusterName, Set.of())) {
                removeQueues(topic, brokerName);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds or replaces queues of a topic, as an admin asks. Ignored entirely (returns false) if a
     * queue names a broker group this server does not know.
     */
    public boolean registerTopic(String topic, List<QueueData> queueDatas) {
        lock.writeLock().lock();
        try {
            for (QueueData data : queueDatas) {
                if (!brokers.containsKey(data.brokerName())) {
                    LOG.warn("Not registering topic {}: unknown broker group {}", topic, data.brokerName());
                    return false;
                }
            }
            Map<String, QueueData> queues = topicQueues.computeIfAbsent(topic, k -> new TreeMap<>());
            queueDatas.forEach(data -> queues.put(data.brokerName(), data));
            if (queues.isEmpty()) {
                topicQueues.remove(topic);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
