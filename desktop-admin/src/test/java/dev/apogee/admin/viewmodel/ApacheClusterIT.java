package dev.apogee.admin.viewmodel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.BrokerInfo;
import dev.apogee.admin.service.GroupSummary;
import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.service.NativeAdminService;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.service.ResetTarget;
import dev.apogee.admin.store.AdminStore;
import dev.apogee.admin.store.QueryKind;
import dev.apogee.admin.task.ErrorLog;
import dev.apogee.admin.task.SynchronousTaskRunner;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's main screens against a real Apache RocketMQ 5.5.0 name server and broker (child JVMs): what
 * the view-model ITs check against Apogee, as far as the same calls go there.
 */
@Timeout(120)
class ApacheClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.defaults();

    @TempDir
    static Path dir;
    private static AdminStore store;
    private static final ErrorLog ERRORS = new ErrorLog();
    private static Session session;

    @BeforeAll
    static void connect() {
        store = AdminStore.open(dir.resolve("admin"));
        session = new Session(new SynchronousTaskRunner(ERRORS), store, NativeAdminService::connect,
                Clock.systemDefaultZone());
        ConnectionsViewModel connections = new ConnectionsViewModel(session);
        assertTrue(connections.connectTo(APACHE.namesrvAddress()), connections.validation());
        assertTrue(session.connectedProperty().get(), "connected: " + ERRORS.reports());
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theBrokerAndTopicsAreShownAndATopicIsCreated() {
        ClusterViewModel cluster = new ClusterViewModel(session);
        assertTrue(cluster.refresh());
        assertEquals(1, cluster.brokers().size());
        BrokerInfo broker = cluster.brokers().get(0);
        assertEquals(APACHE.brokerAddress(), broker.address());
        assertEquals("MASTER", broker.role());
        assertTrue(broker.version().orElseThrow().startsWith("V5_5"), broker.version().toString());
        assertEquals(null, broker.problem());
        // Apache leaves its TPS figures blank until its first minute of statistics: unknown, not 0.
        assertTrue(ClusterViewModel.diskUse(broker).endsWith(" %"), ClusterViewModel.diskUse(broker));

        TopicsViewModel topics = new TopicsViewModel(session);
        topics.refresh();
        topics.formNameProperty().set("AdminMadeOnApache");
        topics.formReadQueuesProperty().set("2");
        topics.formWriteQueuesProperty().set("2");
        assertEquals(APACHE.clusterName(), topics.formClusterProperty().get());
        assertTrue(topics.submitTopic(), topics.validation());
        List<String> shown = topics.rows().stream().map(TopicRow::name).toList();
        assertTrue(shown.contains("AdminMadeOnApache"), shown.toString());
        assertFalse(shown.contains("TBW102"), "Apache's system topics are hidden: " + shown);
        assertEquals(2, APACHE.admin().topics().route("AdminMadeOnApache").writableQueues().size());
        topics.showSystemProperty().set(true);
        assertTrue(topics.rows().stream().anyMatch(row -> row.name().equals("TBW102")));
        assertTrue(ERRORS.reports().isEmpty(), ERRORS.reports().toString());
    }

    @Test
    void aSentMessageIsBrowsedAndFoundByKeyAndById() {
        String topic = APACHE.createTopic("AdminQueryOnApache", 1);
        ProducerViewModel producer = new ProducerViewModel(session);
        producer.topicProperty().set(topic);
        producer.keysProperty().set("apache-key-1");
        producer.bodyProperty().set("sent from the admin to Apache");
        assertTrue(producer.send(), producer.validation());
        String messageId = producer.lastReceiptProperty().get().messageId();

        BrowseViewModel browse = new BrowseViewModel(session);
        browse.topicProperty().set(topic);
        assertTrue(browse.loadQueues(), browse.validation());
        assertTrue(browse.first(), browse.validation());
        assertEquals(List.of("sent from the admin to Apache"), browse.messages().stream()
                .map(m -> new String(m.body(), UTF_8)).toList());

        QueryViewModel query = new QueryViewModel(session);
        query.topicProperty().set(topic);
        query.kindProperty().set(QueryKind.KEY);
        query.textProperty().set("apache-key-1");
        // Apache indexes keys in the background after the store.
        Await.until("the key found", WAIT, () -> query.search() && query.results().size() == 1);
        MessageRecord found = query.results().get(0);
        assertEquals(messageId, found.messageId());
        query.kindProperty().set(QueryKind.MESSAGE_ID);
        query.textProperty().set(messageId);
        assertTrue(query.search(), query.validation());
        assertEquals(List.of("sent from the admin to Apache"), query.results().stream()
                .map(m -> new String(m.body(), UTF_8)).toList());
    }

    @Test
    void aGroupsLagFallsToZeroItsMemberIsNamedAndAResetIsDoneWhenConfirmed() {
        String topic = APACHE.createTopic("AdminLagOnApache", 1);
        ProducerViewModel producer = new ProducerViewModel(session);
        producer.topicProperty().set(topic);
        for (int i = 0; i < 4; i++) {
            producer.bodyProperty().set("m" + i);
            assertTrue(producer.send(), producer.validation());
        }
        AtomicInteger consumed = new AtomicInteger();
        ConsumerGroupsViewModel groups = new ConsumerGroupsViewModel(session);
        try (PushConsumer consumer = PushConsumer.builder().nameServers(APACHE.namesrvAddress())
                .group("admin-apache-group").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                .rebalanceInterval(Duration.ofSeconds(1)).commitInterval(Duration.ofMillis(200))
                .listener(m -> {
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build()) {
            Await.until("lag 0", WAIT, () -> {
                groups.refresh();
                return groups.groups().stream().filter(g -> g.group().equals("admin-apache-group"))
                        .map(GroupSummary::totalLag).anyMatch(OptionalLong.of(0)::equals);
            });
            groups.selectedProperty().set("admin-apache-group");
            QueueLagRow row = groups.queues().stream().filter(q -> q.queue().topic().equals(topic)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row of " + topic + ": " + groups.queues()));
            assertEquals(OptionalLong.of(4), row.consumerOffset());
            assertEquals(1, groups.clients().size());
            assertEquals(groups.clients().get(0).clientId(), row.assignedClient());
            assertFalse(row.assignmentEstimated(), "the member said so itself, relayed by Apache's broker");
        }

        groups.refresh();
        groups.selectedProperty().set("admin-apache-group");
        groups.resetTopicProperty().set(topic);
        groups.resetKindProperty().set(ResetTarget.Kind.EARLIEST);
        assertTrue(groups.previewReset(), groups.validation());
        assertEquals(0, groups.preview().get(0).newOffset());
        assertEquals(OptionalLong.of(4), APACHE.admin().groups().lag("admin-apache-group").queues().stream()
                .filter(q -> q.queue().topic().equals(topic)).findFirst().orElseThrow().consumerOffset(),
                "the preview changed nothing");
        groups.confirmation().confirm();
        Await.until("the offset reset on Apache", WAIT, () -> APACHE.admin().groups().lag("admin-apache-group")
                .queues().stream().filter(q -> q.queue().topic().equals(topic)).findFirst().orElseThrow()
                .consumerOffset().equals(OptionalLong.of(0)));
        assertTrue(ERRORS.reports().isEmpty(), ERRORS.reports().toString());
    }
}
