package dev.apogee.client.route;

import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic's route as a name server published it, with what clients derive from it once: the queues a
 * producer may write (on broker groups that have a master), the queues a consumer may read, and each
 * group's master address.
 *
 * @param topic          the topic
 * @param data           the route as published
 * @param writableQueues queues to send to, grouped by broker in name order, then by queue id
 * @param readableQueues queues to read from, in the same order
 * @param masters        broker name to its master's {@code host:port}, for groups that have one
 * @param ordered        whether the route is a global-order configuration ({@code orderTopicConf})
 */
public record TopicRoute(String topic, TopicRouteData data, List<MessageQueue> writableQueues,
                         List<MessageQueue> readableQueues, Map<String, String> masters, boolean ordered) {

    public TopicRoute {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        writableQueues = List.copyOf(writableQueues);
        readableQueues = List.copyOf(readableQueues);
        masters = Map.copyOf(masters);
    }

    /** The route of {@code topic} derived from {@code data}. */
    public static TopicRoute of(String topic, TopicRouteData data) {
        Map<String, String> masters = new HashMap<>();
        for (BrokerData broker : data.brokerDatas()) {
            if (broker.masterAddr() != null) {
                masters.put(broker.brokerName(), broker.masterAddr());
            }
        }
        List<MessageQueue> writable = new ArrayList<>();
        List<MessageQueue> readable = new ArrayList<>();
        boolean ordered = data.orderTopicConf() != null && !data.orderTopicConf().isEmpty();
        if (ordered) {
            // "brokerA:4;brokerB:4": the queues of a globally ordered topic, in this order.
            for (String entry : data.orderTopicConf().split(";")) {
                int colon = entry.lastIndexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String broker = entry.substring(0, colon).trim();
                int count = Integer.parseInt(entry.substring(colon + 1).trim());
                for (int i = 0; i < count; i++) {
                    writable.add(new MessageQueue(topic, broker, i));
                }
            }
        }
        List<QueueData> queueDatas = new ArrayList<>(data.queueDatas());
        queueDatas.sort(Comparator.comparing(QueueData::brokerName));
        for (QueueData queues : queueDatas) {
            if (!ordered && TopicPerm.isWriteable(queues.perm()) && masters.containsKey(queues.brokerName())) {
                for (int i = 0; i < queues.writeQueueNums(); i++) {
                    writable.add(new MessageQueue(topic, queues.brokerName(), i));
                }
            }
            if (TopicPerm.isReadable(queues.perm())) {
                for (int i = 0; i < queues.readQueueNums(); i++) {
                    readable.add(new MessageQueue(topic, queues.brokerName(), i));
                }
            }
        }
        return new TopicRoute(topic, data, writable, readable, masters, ordered);
    }

    /** The master address of {@code brokerName} in this route, or null. */
    public String masterAddress(String brokerName) {
        return masters.get(brokerName);
    }

    /** The broker groups of this route. */
    public List<BrokerData> brokers() {
        return data.brokerDatas();
    }
}
