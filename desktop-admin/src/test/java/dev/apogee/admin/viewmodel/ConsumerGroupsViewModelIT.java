package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.GroupSummary;
import dev.apogee.admin.service.OffsetChange;
import dev.apogee.admin.service.QueueLagRow;
import dev.apogee.admin.service.ResetTarget;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class ConsumerGroupsViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static PushConsumer consumer(String group, String topic, AtomicInteger consumed) {
        return fixture.consumer(group, topic, consumed);
    }

    private static GroupSummary summary(ConsumerGroupsViewModel groups, String group) {
        return groups.groups().stream().filter(summary -> summary.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError(group + " not in " + groups.groups()));
    }

    @Test
    void aGroupWithoutOffsetsHasAnUnknownLagAndOneThatCaughtUpHasZero() {
        fixture.createTopic("LagTopic", 2);
        for (int i = 0; i < 6; i++) {
            fixture.send("LagTopic", "m" + i);
        }
        fixture.awaitStored("LagTopic", 6);
        fixture.checker.groups().createOrUpdate(SubscriptionGroupConfig.defaults("never-consumed"));
        ConsumerGroupsViewModel groups = new ConsumerGroupsViewModel(fixture.session);
        assertTrue(groups.refresh());
        GroupSummary idle = summary(groups, "never-consumed");
        assertEquals(OptionalLong.empty(), idle.totalLag(), "no offsets: unknown, not 0");
        assertEquals(ConsumerGroupsViewModel.UNKNOWN, ConsumerGroupsViewModel.display(idle.totalLag()));

        AtomicInteger consumed = new AtomicInteger();
        try (PushConsumer consumer = consumer("catching-up", "LagTopic", consumed)) {
            Await.until("6 consumed", Duration.ofSeconds(20), () -> consumed.get() >= 6);
            Await.until("lag 0", Duration.ofSeconds(20), () -> {
                groups.refresh();
                return summary(groups, "catching-up").totalLag().equals(OptionalLong.of(0));
            });
            assertEquals(1, summary(groups, "catching-up").onlineClients());

            groups.selectedProperty().set("catching-up");
            assertEquals(2, groups.queues().stream().filter(row -> row.queue().topic().equals("LagTopic")).count());
            for (QueueLagRow row : groups.queues()) {
                if (row.queue().topic().equals("LagTopic")) {
                    assertEquals(OptionalLong.of(0), row.lag());
                    assertEquals(OptionalLong.of(row.brokerOffset()), row.consumerOffset());
                    assertFalse(row.assignmentEstimated(), "the member said which queues it holds");
                    assertEquals(groups.clients().get(0).clientId(), row.assignedClient(), "one member reads every queue");
                }
            }
            assertEquals(1, groups.clients().size());
            assertEquals("CLUSTERING", groups.detailProperty().get().messageModel());
        }
        assertTrue(fixture.errors.reports().isEmpty(), fixture.errorMessages().toString());
    }

    @Test
    void systemGroupsAreHiddenUntilTheToggleAndTheFilterNarrows() {
        fixture.checker.groups().createOrUpdate(SubscriptionGroupConfig.defaults("visible-group"));
        fixture.checker.groups().createOrUpdate(SubscriptionGroupConfig.defaults("CID_RMQ_SYS_TEST"));
        ConsumerGroupsViewModel groups = new ConsumerGroupsViewModel(fixture.session);
        groups.refresh();
        assertTrue(groups.groups().stream().anyMatch(group -> group.group().equals("visible-group")));
        assertFalse(groups.groups().stream().anyMatch(group -> group.group().equals("CID_RMQ_SYS_TEST")));
        groups.showSystemProperty().set(true);
        assertTrue(groups.groups().stream().anyMatch(group -> group.group().equals("CID_RMQ_SYS_TEST")));
        groups.filterProperty().set("VISIBLE");
        assertEquals(1, groups.groups().size());
    }

    @Test
    void aResetIsPreviewedWithoutChangingAnythingAndDoneOnlyWhenConfirmed() {
        fixture.createTopic("ResetTopic", 1);
        for (int i = 0; i < 5; i++) {
            fixture.send("ResetTopic", "m" + i);
        }
        fixture.awaitStored("ResetTopic", 5);
        AtomicInteger consumed = new AtomicInteger();
        try (PushConsumer consumer = consumer("resettable", "ResetTopic", consumed)) {
            Await.until("committed 5", Duration.ofSeconds(20), () -> fixture.committed("resettable", "ResetTopic", 0) == 5);
        }
        ConsumerGroupsViewModel groups = new ConsumerGroupsViewModel(fixture.session);
        groups.refresh();
        groups.selectedProperty().set("resettable");
        assertEquals("ResetTopic", groups.resetTopicProperty().get(), "the group's topic is preselected");

        groups.resetKindProperty().set(ResetTarget.Kind.TIMESTAMP);
        groups.resetTimeProperty().set("not a time");
        assertFalse(groups.previewReset());
        assertTrue(groups.validation().contains("is not a time"));

        groups.resetKindProperty().set(ResetTarget.Kind.EARLIEST);
        assertTrue(groups.previewReset(), groups.validation());
        assertEquals(1, groups.preview().size());
        OffsetChange change = groups.preview().get(0);
        assertEquals(OptionalLong.of(5), change.currentOffset());
        assertEquals(0, change.newOffset());
        assertEquals(OptionalLong.of(5), change.delta());
        assertTrue(groups.confirmation().pending());
        assertEquals(5, fixture.committed("resettable", "ResetTopic", 0), "the preview changed nothing on the broker");

        groups.confirmation().confirm();
        assertEquals(0, fixture.committed("resettable", "ResetTopic", 0), "the confirmed reset did");
        assertEquals(1, groups.lastReset().size());
        assertEquals(OptionalLong.of(5), groups.lastReset().get(0).currentOffset());
        assertEquals(OptionalLong.of(5), groups.queues().stream().filter(row -> row.queue().topic().equals("ResetTopic"))
                .findFirst().orElseThrow().lag(), "the detail shows the lag after the reset");

        groups.resetKindProperty().set(ResetTarget.Kind.LATEST);
        groups.previewReset();
        groups.confirmation().cancel();
        assertEquals(0, fixture.committed("resettable", "ResetTopic", 0), "a cancelled reset changes nothing");
    }
}
