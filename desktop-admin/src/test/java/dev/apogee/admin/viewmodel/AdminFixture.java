package dev.apogee.admin.viewmodel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.NativeAdminService;
import dev.apogee.admin.store.AdminStore;
import dev.apogee.admin.store.SavedConnection;
import dev.apogee.admin.task.ErrorLog;
import dev.apogee.admin.task.SynchronousTaskRunner;
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
import java.time.Clock;
import java.util.List;

/**
 * What the view-model ITs share: an in-process Apogee name server and broker, the admin's store in a
 * temporary directory, a session with the synchronous task runner (an action is complete when its call
 * returns), connected through the connections screen; plus a producer and an admin client of the
 * test's own, to set the scene and check the broker independently of the view models.
 */
final class AdminFixture implements AutoCloseable {

    final ApogeeCluster cluster;
    final AdminStore store;
    final ErrorLog errors = new ErrorLog();
    final SynchronousTaskRunner tasks = new SynchronousTaskRunner(errors);
    final Session session;
    final ConnectionsViewModel connections;
    final Producer producer;
    final AdminClient checker;
    final ConsumerRequests offsets;
    final String clusterName;

    private AdminFixture(Path dir, Clock clock) throws Exception {
        cluster = ApogeeCluster.start(dir.resolve("cluster"), config -> config);
        store = AdminStore.open(dir.resolve("admin"));
        session = new Session(tasks, store, NativeAdminService::connect, clock);
        connections = new ConnectionsViewModel(session);
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("admin-fixture-producer").build();
        checker = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
        offsets = new ConsumerRequests(checker.runtime().rpc(), checker.runtime().routes(), 5000);
        clusterName = cluster.broker().config().clusterName();
    }

    /** Starts everything and connects the session to the cluster. */
    static AdminFixture connected(Path dir) throws Exception {
        return connected(dir, Clock.systemDefaultZone());
    }

    static AdminFixture connected(Path dir, Clock clock) throws Exception {
        AdminFixture fixture = new AdminFixture(dir, clock);
        fixture.connections.newConnection();
        fixture.connections.nameProperty().set("local");
        fixture.connections.nameServersProperty().set(fixture.cluster.namesrvAddress());
        assertTrue(fixture.connections.save(), fixture.connections.validation());
        SavedConnection saved = fixture.connections.selectedProperty().get();
        assertTrue(fixture.connections.connect(saved));
        assertTrue(fixture.session.connectedProperty().get(), "connected: " + fixture.errors.reports());
        return fixture;
    }

    /** Creates {@code topic} and waits until the name server lists it. */
    void createTopic(String topic, int queues) {
        checker.topics().createOrUpdate(clusterName, TopicSpec.of(topic, queues));
        Await.until(topic + " listed", () -> checker.topics().list().contains(topic));
    }

    /** Waits until every message sent to {@code topic} is in its queues (dispatch is asynchronous). */
    void awaitStored(String topic, long messages) {
        dev.apogee.admin.testing.StoredMessages.await(checker, topic, messages);
    }

    SendResult send(String topic, String body, String... keys) {
        Message message = Message.of(topic, body.getBytes(UTF_8));
        return producer.send(keys.length == 0 ? message : message.keys(keys));
    }

    /** The group's committed offset of queue {@code queueId} of {@code topic} on the broker; -1 when none. */
    long committed(String group, String topic, int queueId) {
        return Rpc.await(offsets.committedOffset(group, new MessageQueue(topic, cluster.brokerName(0), queueId)));
    }

    /** Commits {@code offset} as the group's offset of the queue, as a consumer would. */
    void commit(String group, String topic, int queueId, long offset) {
        Rpc.await(offsets.commitOffset(group, new MessageQueue(topic, cluster.brokerName(0), queueId), offset));
    }

    /** A push consumer of {@code topic} from its first message, committing every 200 ms, counting what it consumes. */
    PushConsumer consumer(String group, String topic, java.util.concurrent.atomic.AtomicInteger consumed) {
        return PushConsumer.builder().nameServers(cluster.namesrvAddress()).group(group).subscribe(topic, "*")
                .startFrom(StartPosition.FIRST).commitInterval(java.time.Duration.ofMillis(200))
                .listener(message -> {
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    List<String> errorMessages() {
        return errors.reports().stream().map(report -> report.title() + ": " + report.message()).toList();
    }

    @Override
    public void close() {
        session.close();
        tasks.close();
        producer.close();
        checker.close();
        store.close();
        cluster.close();
    }
}
