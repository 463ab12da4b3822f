package dev.apogee.broker.client;

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

        public HeartbeatData.ConsumerData description() {
            return description;
        }
    }

    private final Map<String, ConsumerGroup> consumers = new ConcurrentHashMap<>();
    private final Map<String, Map<Channel, String>> producers = new ConcurrentHashMap<>();
    private final BiConsumer<String, ConsumerGroup> membershipChanged;

    /** @param membershipChanged told (group name, group) when a consumer group gains or loses a member */
    public ClientRegistry(BiConsumer<String, ConsumerGroup> membershipChanged) {
        this.membershipChanged = membershipChanged;
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

    /** Channels of a producer group's live members (transaction checks go to one of them). */
    public List<Channel> producerChannels(String group) {
        Map<Channel, String> members = producers.get(group);
        return members == null ? List.of() : List.copyOf(members.keySet());
    }

    @Override
    public void onClose(String remoteAddress, Channel channel) {
        for (Map<Channel, String> members : producers.values()) {
            members.remove(channel);
        }
        for (String name : List.copyOf(consumers.keySet())) {
            leave(name, channel);
        }
    }
}
