package dev.apogee.client.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.producer.SendResult;
import dev.apogee.client.route.TopicRoute;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin client against an in-process Apogee cluster; messages sent by our producer, consumed by our pop consumer. */
@Timeout(60)
class AdminClientIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dataDir;
    private static ApogeeCluster cluster;
    private static AdminClient admin;
    private static Producer producer;
    private static String clusterName;

    @BeforeAll
    static void start() throws Exception {
        cluster = ApogeeCluster.start(dataDir, config -> config);
        admin = AdminClient.builder().nameServers(cluster.namesrvAddress()).build();
        producer = Producer.builder().nameServers(cluster.namesrvAddress()).group("admin-it-producer").build();
        clusterName = cluster.broker().config().clusterName();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String masterAddress() {
        return admin.clusters().brokers().stream().filter(BrokerView::isMaster).findFirst().orElseThrow().address();
    }

    private static SendResult send(String topic, String body, String... keys) {
        Message message = Message.of(topic, body.getBytes(UTF_8));
        return producer.send(keys.length == 0 ? message : message.keys(keys));
    }

    @Test
    void clustersBrokersRuntimeStatsAndConfig() {
        List<ClusterView> clusters = admin.clusters().clusters();
        assertEquals(1, clusters.size());
        assertEquals(clusterName, clusters.get(0).name());
        BrokerView broker = clusters.get(0).brokers().get(0);
        assertTrue(broker.isMaster());
        assertEquals(cluster.broker().config().brokerName(), broker.brokerName());
        assertTrue(broker.address().endsWith(":" + cluster.broker().port()));

        send("AdminStatsTopic", "counted");
        BrokerRuntimeStats stats = admin.clusters().runtimeStats(broker.address());
        assertEquals("V5_5_0", stats.version().orElseThrow());
        assertTrue(stats.putTps().isPresent() && stats.getTps().isPresent());
        assertTrue(stats.putTotalToday().orElseThrow() >= 1);
        assertTrue(stats.commitLogBytes().orElseThrow() > 0);
        assertTrue(stats.bootTime().orElseThrow().isBefore(Instant.now().plusSeconds(1)));

        Map<String, String> config = admin.clusters().brokerConfig(broker.address());
        assertEquals(broker.brokerName(), config.get("brokerName"));
        assertEquals(clusterName, config.get("brokerClusterName"));
        assertEquals(String.valueOf(cluster.broker().config().listenPort()), config.get("listenPort"));
    }

    @Test
    void subscriptionGroupsAreCreatedReadUpdatedAndDeleted() {
        assertTrue(admin.groups().config("AdminSubGroup").isEmpty(), "none yet");
        SubscriptionGroupConfig defaults = SubscriptionGroupConfig.defaults("AdminSubGroup");
        admin.groups().createOrUpdate(new SubscriptionGroupConfig("AdminSubGroup", true, true, true, false,
                defaults.retryQueueNums(), 5, null, 0, 1, true, 0, 15, null, Map.of("jms.topic", "T1")));
        SubscriptionGroupConfig read = admin.groups().config("AdminSubGroup").orElseThrow();
        assertEquals(5, read.retryMaxTimes());
        assertEquals("T1", read.attributes().get("jms.topic"));
        assertTrue(admin.groups().list().contains("AdminSubGroup"));

        admin.groups().createOrUpdate(new SubscriptionGroupConfig("AdminSubGroup", true, true, true, false,
                defaults.retryQueueNums(), 7, null, 0, 1, true, 0, 15, null, Map.of("jms.topic", "T2")));
        assertEquals(7, admin.groups().config("AdminSubGroup").orElseThrow().retryMaxTimes());
        assertEquals("T2", admin.groups().config("AdminSubGroup").orElseThrow().attributes().get("jms.topic"));

        admin.groups().delete("AdminSubGroup", true);
        assertTrue(admin.groups().config("AdminSubGroup").isEmpty(), "deleted");
        assertFalse(admin.groups().list().contains("AdminSubGroup"));
        admin.groups().delete("AdminSubGroup", true); // an unknown group: nothing to do
    }

    @Test
    void topicsAreCreatedChangedRoutedCountedAndDeleted() {
        admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminTopic", 3));
        Await.until("the new topic in the list", WAIT, () -> admin.topics().list().contains("AdminTopic"));
        TopicRoute route = admin.topics().route("AdminTopic");
        assertEquals(3, route.readableQueues().size());
        assertEquals(3, route.writableQueues().size());

        admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminTopic", 3).withQueues(5, 5).withPerm(TopicPerm.READ));
        Await.until("the changed route", WAIT, () -> admin.topics().route("AdminTopic").readableQueues().size() == 5);
        assertTrue(admin.topics().route("AdminTopic").writableQueues().isEmpty(), "read-only now");
        admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminTopic", 5));
        Await.until("writable again", WAIT, () -> admin.topics().route("AdminTopic").writableQueues().size() == 5);

        for (int i = 0; i < 7; i++) {
            send("AdminTopic", "m" + i);
        }
        // Queue offsets follow the store's dispatcher, a moment behind the send answers.
        Await.until("7 messages in the queues", WAIT,
                () -> admin.topics().stats("AdminTopic").stream().mapToLong(TopicQueueStats::maxOffset).sum() == 7);
        List<TopicQueueStats> stats = admin.topics().stats("AdminTopic");
        assertEquals(5, stats.size());
        assertTrue(stats.stream().allMatch(q -> q.minOffset() == 0));
        assertTrue(stats.stream().filter(q -> q.maxOffset() > 0).allMatch(q -> q.lastUpdated().isPresent()));

        BrokerRefusedException refused = assertThrows(BrokerRefusedException.class,
                () -> admin.topics().createOrUpdate(clusterName, TopicSpec.of("rmq_sys_mine", 1)));
        assertEquals(ResponseCode.INVALID_PARAMETER, refused.responseCode());
        assertTrue(refused.getMessage().contains("system topic"), refused.getMessage());

        admin.topics().delete(clusterName, "AdminTopic");
        assertFalse(admin.topics().list().contains("AdminTopic"));
        assertThrows(dev.apogee.client.NoRouteException.class, () -> admin.topics().route("AdminTopic"));
    }

    @Test
    void aPopGroupShowsItsMembersAndLagThatReachesZeroAndResetMovesItBack() throws Exception {
        admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminLag", 2));
        Await.until("the topic's route", WAIT, () -> admin.topics().list().contains("AdminLag"));
        Instant beforeSends = Instant.now().minusSeconds(1);
        for (int i = 0; i < 6; i++) {
            send("AdminLag", "lag " + i);
        }
        try (PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("admin-lag").build()) {
            List<ReceivedMessage> received = new ArrayList<>();
            while (received.size() < 6) {
                received.addAll(consumer.receive("AdminLag", FilterExpression.ALL, 6, Duration.ofSeconds(30),
                        Duration.ofSeconds(3)));
            }
            GroupConnections connections = admin.groups().connections("admin-lag");
            assertTrue(connections.online());
            assertEquals("CONSUME_POP", connections.consumeType());
            assertEquals(consumer.runtime().clientId(), connections.connections().get(0).clientId());
            assertEquals("*", connections.subscriptions().get("AdminLag"));
            assertTrue(admin.groups().list().contains("admin-lag"));

            // Handed out but not acked: still lag.
            assertEquals(6, admin.groups().lag("admin-lag").totalLag().orElseThrow());
            received.forEach(consumer::ack);
            Await.until("the lag to reach 0", WAIT, () -> admin.groups().lag("admin-lag").totalLag().equals(OptionalLong.of(0)));
            GroupLag lag = admin.groups().lag("admin-lag");
            assertEquals(2, lag.queues().size());
            assertTrue(lag.queues().stream().allMatch(q -> q.consumerOffset().getAsLong() == q.brokerOffset()));
            assertTrue(lag.unreachableBrokers().isEmpty());

            Map<MessageQueue, Long> reset = admin.groups().resetOffset("admin-lag", "AdminLag", beforeSends);
            assertEquals(2, reset.size());
            assertTrue(reset.values().stream().allMatch(offset -> offset == 0));
            assertEquals(6, admin.groups().lag("admin-lag").totalLag().orElseThrow());
            admin.groups().resetToLatest("admin-lag", "AdminLag");
            assertEquals(0, admin.groups().lag("admin-lag").totalLag().orElseThrow());
        }
        assertFalse(admin.groups().connections("admin-lag").online(), "gone with its consumer");
        BrokerRefusedException unknown = assertThrows(BrokerRefusedException.class,
                () -> admin.groups().resetToEarliest("never-seen-group", "AdminLag"));
        assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, unknown.responseCode());
    }

    @Test
    void messagesAreFoundByKeyByUniqueIdAndByOffsetId() {
        SendResult first = send("AdminQuery", "first", "order-7", "shared");
        SendResult second = send("AdminQuery", "second", "order-7");
        send("AdminQuery", "other", "order-8");
        Instant from = Instant.now().minusSeconds(60);
        Instant to = Instant.now().plusSeconds(60);
        Await.until("the topic's route", WAIT, () -> admin.topics().list().contains("AdminQuery"));
        Await.until("both messages indexed", WAIT,
                () -> admin.messages().queryByKey("AdminQuery", "order-7", from, to, 32).size() == 2);
        List<MessageView> byKey = admin.messages().queryByKey("AdminQuery", "order-7", from, to, 32);
        assertEquals(Set.of(first.messageId(), second.messageId()),
                byKey.stream().map(MessageView::messageId).collect(Collectors.toSet()));
        assertEquals(List.of("first", "second"), byKey.stream().map(m -> new String(m.body(), UTF_8)).toList());
        assertEquals(1, admin.messages().queryByKey("AdminQuery", "shared", from, to, 32).size());
        assertTrue(admin.messages().queryByKey("AdminQuery", "order-7", to, to.plusSeconds(5), 32).isEmpty(),
                "nothing outside the time range");

        List<MessageView> byId = admin.messages().queryByUniqueId("AdminQuery", second.messageId());
        assertEquals(1, byId.size());
        assertEquals("second", new String(byId.get(0).body(), UTF_8));

        MessageView byOffsetId = admin.messages().viewByOffsetId(first.offsetMessageId());
        assertEquals(first.messageId(), byOffsetId.messageId());
        assertArrayEquals("first".getBytes(UTF_8), byOffsetId.body());
        assertEquals(first.queueOffset(), byOffsetId.queueOffset());
    }

    @Test
    void browsingAQueueReturnsItsMessagesAndLeavesTheGroupsOffsetsAlone() {
        admin.topics().createOrUpdate(clusterName, TopicSpec.of("AdminBrowse", 1));
        Await.until("the topic's route", WAIT, () -> admin.topics().list().contains("AdminBrowse"));
        for (int i = 0; i < 5; i++) {
            send("AdminBrowse", "browse " + i);
        }
        MessageQueue queue = new MessageQueue("AdminBrowse", cluster.broker().config().brokerName(), 0);
        try (PopConsumer consumer = PopConsumer.builder().nameServers(cluster.namesrvAddress()).group("admin-browse")
                .build()) {
            List<ReceivedMessage> two = consumer.receive("AdminBrowse", FilterExpression.ALL, 2, Duration.ofSeconds(30),
                    Duration.ofSeconds(3));
            assertEquals(2, two.size());
            two.forEach(consumer::ack);
            Await.until("the group's offset at 2", WAIT, () -> committed("admin-browse") == 2);

            Set<String> groupsBefore = admin.groups().list();
            List<MessageView> browsed = admin.messages().browse(queue, 0, 5);
            assertEquals(List.of("browse 0", "browse 1", "browse 2", "browse 3", "browse 4"),
                    browsed.stream().map(m -> new String(m.body(), UTF_8)).toList());
            assertEquals(List.of("browse 3"), admin.messages().browse(queue, 3, 4).stream()
                    .map(m -> new String(m.body(), UTF_8)).toList());
            assertEquals(5, admin.messages().browse(queue, 0, 100).size(), "the queue ends at 5");

            assertEquals(2, committed("admin-browse"), "browsing moved no offset");
            List<ReceivedMessage> rest = consumer.receive("AdminBrowse", FilterExpression.ALL, 8, Duration.ofSeconds(30),
                    Duration.ofSeconds(3));
            assertEquals(3, rest.size(), "browsing consumed nothing");
            rest.forEach(consumer::ack);
            assertEquals(groupsBefore, admin.groups().list(), "browsing created no group");
        }
    }

    @Test
    void browsingATopicTheBrokerWillNotLetBeReadIsRefusedNotAnEmptyList() {
        send("AdminUnreadable", "kept");
        admin.topics().createOrUpdate(cluster.broker().config().clusterName(),
                TopicSpec.of("AdminUnreadable", 4).withPerm(TopicPerm.WRITE));
        MessageQueue queue = new MessageQueue("AdminUnreadable", cluster.broker().config().brokerName(), 0);
        Await.until("the broker refuses reads", WAIT, () -> {
            try {
                admin.messages().browse(queue, 0, 10);
                return false;
            } catch (BrokerRefusedException refused) {
                assertEquals(ResponseCode.NO_PERMISSION, refused.responseCode(), refused.getMessage());
                return true;
            }
        });
    }

    @Test
    void aTestMessageIsSentThroughTheAdminsProducer() {
        SendResult sent = admin.messages().sendTestMessage(Message.of("AdminTestSend", "ping".getBytes(UTF_8)));
        assertArrayEquals("ping".getBytes(UTF_8), admin.messages().viewByOffsetId(sent.offsetMessageId()).body());
    }

    private static long committed(String group) {
        return admin.groups().lag(group).queues().get(0).consumerOffset().orElse(-1);
    }
}
