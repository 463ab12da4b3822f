package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.service.TopicKind;
import dev.apogee.admin.service.TopicPermission;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TopicsViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;
    private TopicsViewModel topics;

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

    @BeforeEach
    void newScreen() {
        topics = new TopicsViewModel(fixture.session);
        assertTrue(topics.refresh());
    }

    private List<String> shown() {
        return topics.rows().stream().map(TopicRow::name).toList();
    }

    @Test
    void aCreatedTopicIsListedAndSystemTopicsOnlyWithTheToggle() {
        topics.formNameProperty().set("CreatedByForm");
        topics.formReadQueuesProperty().set("3");
        topics.formWriteQueuesProperty().set("3");
        assertEquals(fixture.clusterName, topics.formClusterProperty().get(), "the cluster is preselected");
        assertTrue(topics.submitTopic(), topics.validation());
        assertFalse(topics.confirmation().pending(), "creating needs no confirmation");
        assertTrue(shown().contains("CreatedByForm"), shown().toString());
        assertEquals(3, topics.queueOffsets().size(), "the new topic is selected with its queues");
        assertEquals(3, fixture.checker.topics().route("CreatedByForm").writableQueues().size());

        assertFalse(shown().contains("TBW102"));
        assertFalse(shown().contains(fixture.clusterName), "the cluster's own topic is a system topic");
        assertFalse(shown().contains(fixture.cluster.brokerName(0)));
        topics.showSystemProperty().set(true);
        assertTrue(shown().contains("TBW102"), shown().toString());
        assertEquals(TopicKind.SYSTEM, topics.rows().stream().filter(row -> row.name().equals("TBW102")).findFirst()
                .orElseThrow().topic().kind());
        assertTrue(fixture.errors.reports().isEmpty(), fixture.errorMessages().toString());
    }

    @Test
    void theFilterMatchesPartsOfNamesIgnoringCase() {
        fixture.createTopic("FilterAlpha", 1);
        fixture.createTopic("FilterBeta", 1);
        topics.refresh();
        topics.filterProperty().set("filterbe");
        assertEquals(List.of("FilterBeta"), shown());
    }

    @Test
    void favouritesComeFirstAndAreRememberedPerConnection() {
        fixture.createTopic("ZzPinned", 1);
        fixture.createTopic("AaNotPinned", 1);
        topics.refresh();
        topics.setFavourite("ZzPinned", true);
        assertEquals("ZzPinned", shown().get(0));
        assertTrue(topics.rows().get(0).favourite());

        TopicsViewModel again = new TopicsViewModel(fixture.session);
        again.refresh();
        assertEquals("ZzPinned", again.rows().get(0).name(), "read back from the store");
        again.setFavourite("ZzPinned", false);
        assertFalse(again.rows().stream().filter(row -> row.name().equals("ZzPinned")).findFirst().orElseThrow()
                .favourite());
    }

    @Test
    void badFormInputGivesMessagesAndChangesNothing() {
        topics.formNameProperty().set("has space");
        assertFalse(topics.submitTopic());
        assertTrue(topics.validation().contains("Topic name"), topics.validation());

        topics.formNameProperty().set("GoodName");
        topics.formReadQueuesProperty().set("eight");
        assertFalse(topics.submitTopic());
        assertTrue(topics.validation().contains("read queues"), topics.validation());

        topics.formReadQueuesProperty().set("0");
        topics.formWriteQueuesProperty().set("0");
        assertFalse(topics.submitTopic());
        assertTrue(topics.validation().contains("at least one"), topics.validation());
        assertFalse(fixture.checker.topics().list().contains("GoodName"));

        topics.formReadQueuesProperty().set("2");
        topics.formWriteQueuesProperty().set("2");
        assertTrue(topics.submitTopic());
        assertEquals("", topics.validation());
    }

    @Test
    void updatingAnExistingTopicWaitsForConfirmation() {
        fixture.createTopic("ToUpdate", 2);
        topics.refresh();
        topics.selectedProperty().set("ToUpdate");
        topics.editSelected();
        assertEquals("2", topics.formReadQueuesProperty().get());
        topics.formReadQueuesProperty().set("4");
        topics.formWriteQueuesProperty().set("4");
        topics.formPermissionProperty().set(TopicPermission.READ_ONLY);
        assertTrue(topics.submitTopic());
        assertTrue(topics.confirmation().pending());
        assertTrue(topics.confirmation().questionProperty().get().contains("ToUpdate"));
        assertEquals(2, fixture.checker.topics().route("ToUpdate").readableQueues().size(), "nothing changed yet");

        topics.confirmation().confirm();
        assertEquals(4, fixture.checker.topics().route("ToUpdate").readableQueues().size());
        assertEquals(TopicPermission.READ_ONLY, topics.routeProperty().get().brokers().get(0).permission());
    }

    @Test
    void deletingWaitsForConfirmationAndCancelKeepsTheTopic() {
        fixture.createTopic("ToDelete", 1);
        topics.refresh();
        assertTrue(topics.delete("ToDelete"));
        topics.confirmation().cancel();
        assertTrue(fixture.checker.topics().list().contains("ToDelete"));

        topics.delete("ToDelete");
        assertTrue(fixture.checker.topics().list().contains("ToDelete"), "asking deletes nothing");
        topics.confirmation().confirm();
        assertFalse(fixture.checker.topics().list().contains("ToDelete"));
        assertFalse(shown().contains("ToDelete"));
        assertNull(topics.confirmation().questionProperty().get());
    }

    @Test
    void aSelectedTopicShowsItsRouteAndQueueOffsets() {
        fixture.createTopic("WithOffsets", 1);
        for (int i = 0; i < 3; i++) {
            fixture.send("WithOffsets", "m" + i);
        }
        fixture.awaitStored("WithOffsets", 3);
        topics.refresh();
        topics.selectedProperty().set("WithOffsets");
        assertEquals(fixture.cluster.brokerName(0), topics.routeProperty().get().brokers().get(0).brokerName());
        assertEquals(fixture.clusterName, topics.routeProperty().get().brokers().get(0).cluster());
        QueueOffsets queue = topics.queueOffsets().get(0);
        assertEquals(0, queue.minOffset());
        assertEquals(3, queue.maxOffset());
        assertTrue(queue.lastUpdated().isPresent());
    }

    @Test
    void withoutAConnectionActionsSaySo() {
        Session offline = new Session(fixture.tasks, fixture.store, spec -> {
            throw new AssertionError("no connection expected");
        }, java.time.Clock.systemUTC());
        TopicsViewModel screen = new TopicsViewModel(offline);
        assertFalse(screen.refresh());
        assertEquals(ScreenViewModel.NOT_CONNECTED, screen.validation());
    }
}
