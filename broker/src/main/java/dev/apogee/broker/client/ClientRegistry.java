package dev.apogee.broker.client;

import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.transport.ChannelListener;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The clients connected to this broker, from their heartbeats: which channels are in which producer
 * and consumer groups, and each consumer group's subscriptions. A group whose members change is
 * reported (the broker then tells the members to rebalance at once).
 *
 * <p>Thread-safety: safe from any thread; per-group member maps are concurrent, and a change of a
 * group's membership is detected under the group's monitor.
 */
public final class ClientRegistry implements ChannelListener {

    /** A consumer group as its members describe it. */
    public static final class ConsumerGroup {
        private final Map<Channel, String> members = new ConcurrentHashMap<>();
        private final Map<String, HeartbeatData.SubscriptionData> subscriptions = new ConcurrentHashMap<>();
        private volatile HeartbeatData.ConsumerData description;

        public List<String> clientIds() {
            List<String> ids = new ArrayList<>(members.values());
            Collections.sort(ids);
            return ids;
        }

        public List<Channel> channels() {
            return List.copyOf(members.keySet());
        }

        public HeartbeatData.SubscriptionData subscription(String topic) {
            return subscriptions.get(topic);
        }

        /** Topic to subscription, as the members last declared them. */
        public Map<String, HeartbeatData.SubscriptionData> subscriptionTable() {
            return Map.copyOf(subscriptions);
        }

        /** Live members: channel to client id. */
        public Map<Channel, String> members() {
            return Map.copyOf(members);
        }

        public HeartbeatData.ConsumerData description() {
            return description;
        }
    }

    /**
     * Who is at the other end of a channel, from the latest heartbeat command on it.
     *
     * @param clientId the client's id
     * @param language the heartbeat command's language
     * @param version  the heartbeat command's version ordinal
     */
    public record ClientInfo(String clientId, LanguageCode language, int version) {
    }

    private final Map<String, ConsumerGroup> consumers = new ConcurrentHashMap<>();
    private final Map<Channel, ClientInfo> clientInfo = new ConcurrentHashMap<>();
    private final Map<String, Map<Channel, String>> producers = new ConcurrentHashMap<>();
    private final BiConsumer<String, ConsumerGroup> membershipChanged;

    /** @param membershipChanged told (group name, group) when a consumer group gains or loses a member */
    public ClientRegistry(BiConsumer<String, ConsumerGroup> membershipChanged) {
        this.membershipChanged = membershipChanged;
    }

    /** Applies a heartbeat that arrived on {@code channel}, sent by a client of that language and version. */
    public void heartbeat(Channel channel, HeartbeatData data, LanguageCode language, int version) {
        clientInfo.put(channel, new ClientInfo(data.clientId(), language, version));
        heartbeat(channel, data);
    }

    /** Applies a heartbeat that arrived on {@code channel}. */
    public void heartbeat(Channel channel, HeartbeatData data) {
        for (HeartbeatData.ProducerData producer : data.producerDataSet()) {
            producers.computeIfAbsent(producer.groupName(), g -> new ConcurrentHashMap<>()).put(channel, data.clientId());
        }
        for (HeartbeatData.ConsumerData consumer : data.consumerDataSet()) {
            ConsumerGroup group = consumers.computeIfAbsent(consumer.groupName(), g -> new ConsumerGroup());
            boolean joined;
            synchronized (group) {
                group.description = consumer;
                for (HeartbeatData.SubscriptionData subscription : consumer.subscriptionDataSet()) {
                    group.subscriptions.merge(subscription.topic(), subscription,
                            (old, fresh) -> fresh.subVersion() >= old.subVersion() ? fresh : old);
                }
                joined = group.members.put(channel, data.clientId()) == null;
            }
            if (joined) {
                membershipChanged.accept(consumer.groupName(), group);
            }
        }
    }

    /** A client leaves a producer group and/or a consumer group. */
    public void unregister(Channel channel, String producerGroup, String consumerGroup) {
        if (producerGroup != null) {
            Map<Channel, String> members = producers.get(producerGroup);
            if (members != null) {
                members.remove(channel);
            }
        }
        if (consumerGroup != null) {
            leave(consumerGroup, channel);
        }
    }

    private void leave(String name, Channel channel) {
        ConsumerGroup group = consumers.get(name);
        if (group != null && group.members.remove(channel) != null) {
            membershipChanged.accept(name, group);
        }
    }

    public ConsumerGroup consumerGroup(String name) {
        return consumers.get(name);
    }

    /** A producer group's live members: channel to client id; empty if none. */
    public Map<Channel, String> producerMembers(String group) {
        Map<Channel, String> members = producers.get(group);
        return members == null ? Map.of() : Map.copyOf(members);
    }

    /** Channels of a producer group's live members (transaction checks go to one of them). */
    public List<Channel> producerChannels(String group) {
        Map<Channel, String> members = producers.get(group);
        return members == null ? List.of() : List.copyOf(members.keySet());
    }

    /** The client on a channel, or null before its first heartbeat with language and version. */
    public ClientInfo clientInfo(Channel channel) {
        return clientInfo.get(channel);
    }

    /** Names of the consumer groups with at least one live member. */
    public List<String> onlineConsumerGroups() {
        List<String> names = new ArrayList<>();
        consumers.forEach((name, group) -> {
            if (!group.members.isEmpty()) {
                names.add(name);
            }
        });
        Collections.sort(names);
        return names;
    }

    /** Whether a consumer group has live members. */
    public boolean isOnline(String consumerGroup) {
        ConsumerGroup group = consumers.get(consumerGroup);
        return group != null && !group.members.isEmpty();
    }

    @Override
    public void onClose(String remoteAddress, Channel channel) {
        clientInfo.remove(channel);
        for (Map<Channel, String> members : producers.values()) {
            members.remove(channel);
        }
        for (String name : List.copyOf(consumers.keySet())) {
            leave(name, channel);
        }
    }
}
