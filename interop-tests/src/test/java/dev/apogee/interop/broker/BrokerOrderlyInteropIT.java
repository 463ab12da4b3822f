package dev.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orderly consumption with the official 5.5.0 clients: ordered sends through a queue selector, and
 * MessageListenerOrderly consumers that keep each order's steps in sequence while a second consumer
 * joins the group and the queues are rebalanced (queue locks on the broker).
 */
@Timeout(120)
class BrokerOrderlyInteropIT {

    private static final int ORDERS = 8;
    private static final int STEPS = 30;

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** What one consumer saw: per order, the steps in the order it processed them. */
    private static final class Recorder implements MessageListenerOrderly {
        final Map<Integer, List<Integer>> steps = new ConcurrentHashMap<>();

        @Override
        public ConsumeOrderlyStatus consumeMessage(List<MessageExt> messages,
                                                   org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext context) {
            for (MessageExt message : messages) {
                String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(":");
                steps.computeIfAbsent(Integer.parseInt(parts[0]), o -> Collections.synchronizedList(new ArrayList<>()))
                        .add(Integer.parseInt(parts[1]));
            }
            return ConsumeOrderlyStatus.SUCCESS;
        }

        int total() {
            return steps.values().stream().mapToInt(List::size).sum();
        }
    }

    private void sendSteps(DefaultMQProducer producer, int fromStep, int toStep) throws Exception {
        for (int step = fromStep; step < toStep; step++) {
            for (int order = 0; order < ORDERS; order++) {
                Message message = new Message("OrderSteps", (order + ":" + step).getBytes(StandardCharsets.UTF_8));
                SendResult result = producer.send(message, (queues, msg, key) -> queues.get((Integer) key % queues.size()),
                        order, 10_000);
                assertEquals(order % 4, result.getMessageQueue().getQueueId(), "the selector's queue");
            }
        }
    }

    @Test
    void eachOrdersStepsArriveInSequenceAcrossARebalance() throws Exception {
        DefaultMQProducer producer = cluster.producer("interop-orderly-producer");
        producer.setDefaultTopicQueueNums(4);
        sendSteps(producer, 0, STEPS / 2);
        Recorder first = new Recorder();
        cluster.pushConsumer("interop-orderly", "OrderSteps", "*", first);
        EmbeddedCluster.await(() -> first.total() > 0, 30_000, "the first consumer started");
        Recorder second = new Recorder();
        DefaultMQPushConsumer joining = cluster.pushConsumer("interop-orderly", "OrderSteps", "*", second);
        // The joiner gets queues once the first consumer unlocks them at its rebalance (up to 20 s on the
        // client's schedule): keep the orders flowing until it has some, and a while after.
        int sent = STEPS / 2;
        long deadline = System.currentTimeMillis() + 60_000;
        while (sent < STEPS || second.total() == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the joining consumer never got a queue");
            sendSteps(producer, sent, sent + 1);
            sent++;
            Thread.sleep(100);
        }
        int stepsSent = sent;
        EmbeddedCluster.await(() -> seen(first, second) == ORDERS * stepsSent, 60_000,
                "every step of every order was consumed");
        assertTrue(second.total() > 0, "the joining consumer took over some queues");
        for (Recorder recorder : List.of(first, second)) {
            recorder.steps.forEach((order, steps) -> {
                synchronized (steps) {
                    for (int i = 1; i < steps.size(); i++) {
                        // The leaving consumer commits and unlocks before the other may lock: no step
                        // is seen twice or out of sequence by either.
                        assertTrue(steps.get(i) > steps.get(i - 1), "order " + order + " out of sequence: " + steps);
                    }
                }
            });
        }
        joining.shutdown();
    }

    private static int seen(Recorder first, Recorder second) {
        // Distinct (order, step) pairs over both consumers.
        int distinct = 0;
        for (int order = 0; order < ORDERS; order++) {
            java.util.Set<Integer> steps = new java.util.HashSet<>();
            steps.addAll(first.steps.getOrDefault(order, List.of()));
            steps.addAll(second.steps.getOrDefault(order, List.of()));
            distinct += steps.size();
        }
        return distinct;
    }

    @Test
    void aRetryResentPastItsMaximumGoesToTheDeadLetterTopic() throws Exception {
        DefaultMQProducer producer = cluster.producer("interop-retry-resend");
        // What a push consumer does when CONSUMER_SEND_MSG_BACK fails: it resends to the retry topic itself.
        Message exhausted = new Message("%RETRY%interop-resend", "gave-up".getBytes(StandardCharsets.UTF_8));
        MessageAccessor.setReconsumeTime(exhausted, "3");
        MessageAccessor.setMaxReconsumeTimes(exhausted, "2");
        producer.send(exhausted, 10_000);
        Message again = new Message("%RETRY%interop-resend", "try-again".getBytes(StandardCharsets.UTF_8));
        MessageAccessor.setReconsumeTime(again, "1");
        MessageAccessor.setMaxReconsumeTimes(again, "2");
        producer.send(again, 10_000);
        EmbeddedCluster.await(() -> cluster.broker().store().maxOffset("%DLQ%interop-resend", 0) == 1
                && cluster.broker().store().maxOffset("%RETRY%interop-resend", 0) == 1, 10_000,
                "past its maximum: dead letter; within it: retried");
    }
}
