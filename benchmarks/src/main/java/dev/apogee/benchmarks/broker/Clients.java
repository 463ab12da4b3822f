package dev.apogee.benchmarks.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * Official-client producers and push consumers for one server under test. Every client gets its
 * own instance name, so none shares a connection or a thread pool with a client of the other server
 * (the official client otherwise pools clients by instance name per JVM). {@link #close()} shuts
 * down every client it made.
 */
final class Clients implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ServerUnderTest server;
    private final BenchmarkSettings settings;
    private final List<DefaultMQProducer> producers = new ArrayList<>();
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    Clients(ServerUnderTest server, BenchmarkSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** A started producer; it asks for {@code settings.queues()} queues when a topic is auto-created. */
    synchronized DefaultMQProducer producer(String group) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(server.nameServer());
        producer.setInstanceName(instanceName(group));
        producer.setDefaultTopicQueueNums(settings.queues());
        // 1 KiB bodies stay uncompressed either way; a larger --size should not measure zlib.
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.setSendMsgTimeout(10_000);
        producer.start();
        producers.add(producer);
        return producer;
    }

    /** A push consumer of every message of {@code topic}, started, for a group that never consumed. */
    synchronized DefaultMQPushConsumer pushConsumer(String group, String topic, ConsumeFromWhere from,
                                                    MessageListenerConcurrently listener) throws MQClientException {
        return pushConsumer(group, topic, from, listener, null);
    }

    /** As above, with {@code hook} (may be null) seeing every request of the consumer's own client instance. */
    synchronized DefaultMQPushConsumer pushConsumer(String group, String topic, ConsumeFromWhere from,
            MessageListenerConcurrently listener, RPCHook hook) throws MQClientException {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, hook, new AllocateMessageQueueAveragely());
        consumer.setNamesrvAddr(server.nameServer());
        consumer.setInstanceName(instanceName(group));
        consumer.setConsumeFromWhere(from);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    private String instanceName(String group) {
        return server.name() + "-" + group + "-" + INSTANCES.incrementAndGet();
    }

    /**
     * Makes sure each topic exists and the name server has its route, by sending to it (the broker
     * auto-creates it) until the route can be fetched; returns each topic's number of write queues.
     * A server still starting refuses connections or has no route yet, so failures are retried
     * until the deadline.
     *
     * <p>The sends go through a producer of their own, shut down afterwards: until a producer
     * refreshes its routes (every 30 s) it keeps sending a new topic's messages along the
     * auto-create key topic's route, whose queue count need not be the new topic's.
     */
    Map<String, Integer> createTopics(List<String> topics, Duration timeout) throws IOException,
            InterruptedException, MQClientException {
        DefaultMQProducer creator = new DefaultMQProducer("bench-topic-creator");
        creator.setNamesrvAddr(server.nameServer());
        creator.setInstanceName(instanceName("bench-topic-creator"));
        creator.setDefaultTopicQueueNums(settings.queues());
        creator.start();
        try {
            Map<String, Integer> queues = new LinkedHashMap<>();
            for (String topic : topics) {
                queues.put(topic, createTopic(creator, topic, timeout));
            }
            return queues;
        } finally {
            creator.shutdown();
        }
    }

    private int createTopic(DefaultMQProducer creator, String topic, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            server.checkAlive();
            try {
                creator.send(new Message(topic, "create".getBytes(StandardCharsets.UTF_8)), 3_000);
                List<MessageQueue> queues = creator.fetchPublishMessageQueues(topic);
                if (!queues.isEmpty()) {
                    return queues.size();
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IOException(server.name() + ": topic " + topic + " has no route after " + timeout.toSeconds()
                + " s" + (last == null ? "" : "; last failure: " + last), last);
    }

    @Override
    public synchronized void close() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        consumers.clear();
        producers.forEach(DefaultMQProducer::shutdown);
        producers.clear();
    }
}
