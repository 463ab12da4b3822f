package dev.apogee.client.producer;

import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a producer sends one topic: its writable queues, interleaved across brokers (first queue of
 * each broker, then second, ...) so that round robin alternates brokers instead of filling one
 * broker's queues in a row, and the round-robin position.
 *
 * @param route       the route the queues come from
 * @param queues      writable queues in round-robin order
 * @param provisional the topic is not known to the name servers yet: these are queues of the
 *                    auto-create key topic's route, where the broker creates the topic on first send
 * @param sorted      the same queues by broker name, then queue id: what ordered sends choose from
 *                    (sorted once per route, not on every ordered send)
 */
record PublishRoute(TopicRoute route, List<MessageQueue> queues, boolean provisional, AtomicInteger next,
                    List<MessageQueue> sorted) {

    static PublishRoute of(TopicRoute route, List<MessageQueue> writable, boolean provisional) {
        List<MessageQueue> sorted = new ArrayList<>(writable);
        sorted.sort(null);
        return new PublishRoute(route, interleave(writable), provisional, new AtomicInteger(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(1024)), List.copyOf(sorted));
    }

    private static List<MessageQueue> interleave(List<MessageQueue> writable) {
        Map<String, List<MessageQueue>> byBroker = new LinkedHashMap<>();
        for (MessageQueue queue : writable) {
            byBroker.computeIfAbsent(queue.brokerName(), key -> new ArrayList<>()).add(queue);
        }
        List<MessageQueue> order = new ArrayList<>(writable.size());
        for (int round = 0; order.size() < writable.size(); round++) {
            for (List<MessageQueue> queues : byBroker.values()) {
                if (round < queues.size()) {
                    order.add(queues.get(round));
                }
            }
        }
        return List.copyOf(order);
    }

    /**
     * The next queue in round-robin order on a broker other than {@code avoidBroker} (the one that just
     * failed; may be null) that {@code faults} does not avoid. When every broker is avoided, the next
     * queue not on {@code avoidBroker}, preferring the broker available soonest; when there is only
     * {@code avoidBroker}, its next queue.
     */
    MessageQueue pick(String avoidBroker, BrokerFaults faults) {
        int size = queues.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            MessageQueue queue = queues.get((start + i) % size);
            if (!queue.brokerName().equals(avoidBroker) && faults.isAvailable(queue.brokerName())) {
                return queue;
            }
        }
        LinkedHashSet<String> others = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            if (!queue.brokerName().equals(avoidBroker)) {
                others.add(queue.brokerName());
            }
        }
        String broker = others.isEmpty() ? avoidBroker : faults.soonestAvailable(others);
        for (int i = 0; i < size; i++) {
            MessageQueue queue = queues.get((start + i) % size);
            if (queue.brokerName().equals(broker)) {
                return queue;
            }
        }
        return queues.get(start);
    }
}
