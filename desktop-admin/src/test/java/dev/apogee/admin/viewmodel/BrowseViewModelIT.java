package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.MessageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BrowseViewModelIT {

    private static final String TOPIC = "BrowseTopic";
    private static final String GROUP = "browse-bystander";

    @TempDir
    static Path dir;
    private static AdminFixture fixture;
    private static Instant beforeSixth;
    private BrowseViewModel browse;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
        fixture.createTopic(TOPIC, 1);
        for (int i = 0; i < 10; i++) {
            if (i == 6) {
                Thread.sleep(20);
                beforeSixth = Instant.now();
                Thread.sleep(20);
            }
            fixture.send(TOPIC, "message-" + i);
        }
        fixture.awaitStored(TOPIC, 10);
        fixture.commit(GROUP, TOPIC, 0, 2);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void newScreen() {
        browse = new BrowseViewModel(fixture.session);
        browse.topicProperty().set(TOPIC);
        assertTrue(browse.loadQueues());
        browse.pageSizeProperty().set(4);
    }

    private List<Long> offsets() {
        return browse.messages().stream().map(MessageRecord::queueOffset).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void pagesGoForwardsAndBackOverTheRightOffsets() {
        assertEquals(1, browse.queues().size());
        assertTrue(browse.first());
        assertEquals(range(0, 4), offsets());
        assertFalse(browse.canGoBackProperty().get());
        assertTrue(browse.next());
        assertEquals(range(4, 8), offsets());
        assertTrue(browse.next());
        assertEquals(range(8, 10), offsets(), "the last page is short");
        assertFalse(browse.canGoForwardProperty().get());
        assertFalse(browse.next());
        assertEquals("This is the last page", browse.validation());
        assertTrue(browse.previous());
        assertEquals(range(4, 8), offsets());
        assertTrue(browse.last());
        assertEquals(range(6, 10), offsets());
        assertEquals("message-6", new String(browse.messages().get(0).body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aNewPageSizeReloadsThePageShownFromItsStart() {
        assertTrue(browse.first());
        assertTrue(browse.next());
        assertEquals(range(4, 8), offsets());
        browse.pageSizeProperty().set(2);
        assertEquals(range(4, 6), offsets(), "the page shown, shorter");
        browse.pageSizeProperty().set(6);
        assertEquals(range(4, 10), offsets());
        assertFalse(browse.canGoForwardProperty().get(), "it now reaches the end");
    }

    @Test
    void browsingMovesNoGroupsOffsetAndCommitsNothingForTheToolsGroup() {
        browse.first();
        browse.next();
        browse.last();
        assertEquals(2, fixture.committed(GROUP, TOPIC, 0), "a bystander group's offset stays where it was");
        // (QUERY_CONSUMER_OFFSET answers 0 for "none" on a young queue; the group's offset table does not.)
        assertTrue(fixture.checker.groups().lag("TOOLS_CONSUMER").queues().isEmpty(), "browsing commits nothing");
    }

    @Test
    void jumpingToATimeStartsAtTheFirstMessageStoredThen() {
        browse.jumpTimeProperty().set(Long.toString(beforeSixth.toEpochMilli()));
        assertTrue(browse.jumpToTime(), browse.validation());
        assertEquals(range(6, 10), offsets());
    }

    @Test
    void jumpingToAnOffsetAndBadInputs() {
        browse.jumpOffsetProperty().set("5");
        assertTrue(browse.jumpToOffset());
        assertEquals(range(5, 9), offsets());

        browse.jumpOffsetProperty().set("50");
        assertFalse(browse.jumpToOffset());
        assertTrue(browse.validation().contains("outside the queue's range 0 to 9"), browse.validation());
        browse.jumpOffsetProperty().set("five");
        assertFalse(browse.jumpToOffset());
        browse.jumpTimeProperty().set("last tuesday");
        assertFalse(browse.jumpToTime());
        assertTrue(browse.validation().contains("is not a time"), browse.validation());
        assertEquals(range(5, 9), offsets(), "the page shown stays");

        browse.topicProperty().set("bad topic!");
        assertFalse(browse.loadQueues());
        assertTrue(browse.validation().startsWith("Topic:"), browse.validation());
    }
}
