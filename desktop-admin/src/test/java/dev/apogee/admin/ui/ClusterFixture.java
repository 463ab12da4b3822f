package dev.apogee.admin.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.consumer.broker.ConsumerRequests;
import dev.apogee.client.message.Message;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster the UI tests drive the admin against: an in-process Apogee name server and broker on
 * free loopback ports, and the test's own producer, admin client and offset requests, to set the
 * scene and to check the broker independently of what the UI shows.
 */
final class ClusterFixture implements AutoCloseable {

    final ApogeeCluster cluster;
    final Producer producer;
    final AdminClient checker;
    final ConsumerRequests offsets;

    ClusterFixture(Path dir) throws Exception {
        cluster = ApogeeCluster.start(dir, config -> config);
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("ui-test-producer").build();
        checker = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
        offsets = new ConsumerRequests(checker.runtime().rpc(), checker.runtime().routes(), 5000);
    }

    String namesrv() {
        return cluster.namesrvAddress();
    }

    String clusterName() {
        return cluster.broker().config().clusterName();
    }

    /** Creates {@code topic} with {@code queues} queues and waits until the name server lists it. */
    void createTopic(String topic, int queues) {
        checker.topics().createOrUpdate(clusterName(), TopicSpec.of(topic, queues));
        Await.until(topic + " listed", () -> checker.topics().list().contains(topic));
    }

    SendResult send(String topic, String body) {
        return producer.send(Message.of(topic, body.getBytes(UTF_8)));
    }

    /** Waits until {@code messages} messages are in {@code topic}'s queues (dispatch is asynchronous). */
    void awaitStored(String topic, long messages) {
        dev.apogee.admin.testing.StoredMessages.await(checker, topic, messages);
    }

    /**
     * Moves the first {@code count} messages of {@code topic}'s queue 0 into {@code group}'s dead-letter
     * topic, as a consumer that gave up on them does (sent back with delay level -1), and waits for them there.
     */
    void deadLetter(String group, String topic, int count) {
        MessageQueue queue = new MessageQueue(topic, cluster.brokerName(0), 0);
        for (dev.apogee.client.message.MessageView message : checker.messages().browse(queue, 0, count)) {
            Rpc.await(offsets.sendBack(group, queue, message, topic, -1, 16));
        }
        awaitStored("%DLQ%" + group, count);
    }

    /** The group's committed offset on queue {@code queueId}; -1 when none. */
    long committed(String group, String topic, int queueId) {
        return Rpc.await(offsets.committedOffset(group, new MessageQueue(topic, cluster.brokerName(0), queueId)));
    }

    /** Commits {@code offset} for the group on the queue, as a consumer would. */
    void commit(String group, String topic, int queueId, long offset) {
        Rpc.await(offsets.commitOffset(group, new MessageQueue(topic, cluster.brokerName(0), queueId), offset));
    }

    /** A push consumer of {@code topic} (from the group's committed offset), committing every 200 ms. */
    PushConsumer consumer(String group, String topic, AtomicInteger consumed) {
        return PushConsumer.builder().nameServers(cluster.namesrvAddress()).group(group).subscribe(topic, "*")
                .startFrom(StartPosition.FIRST).commitInterval(Duration.ofMillis(200))
                .listener(message -> {
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    @Override
    public void close() {
        producer.close();
        checker.close();
        cluster.close();
    }
}
