package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.IdKind;
import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.store.QueryKind;
import dev.apogee.client.producer.SendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class QueryViewModelIT {

    private static final String TOPIC = "QueryTopic";

    @TempDir
    static Path dir;
    private static AdminFixture fixture;
    private static SendResult keyed;
    private static Instant between;
    private QueryViewModel query;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
        fixture.createTopic(TOPIC, 2);
        keyed = fixture.send(TOPIC, "order 42 created", "order-42");
        fixture.send(TOPIC, "early");
        Thread.sleep(30);
        between = Instant.now();
        Thread.sleep(30);
        for (int i = 0; i < 3; i++) {
            fixture.send(TOPIC, "late-" + i);
        }
        fixture.awaitStored(TOPIC, 5);
        dev.apogee.remoting.testing.Await.until("the key indexed", () -> !fixture.checker.messages().queryByKey(TOPIC,
                "order-42", Instant.EPOCH, Instant.now().plusSeconds(60), 5).isEmpty());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void newScreen() {
        query = new QueryViewModel(fixture.session);
        query.topicProperty().set(TOPIC);
    }

    private static String body(MessageRecord message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void byKeyFindsTheSentMessageAndRecordsTheQuery() {
        query.kindProperty().set(QueryKind.KEY);
        query.textProperty().set("order-42");
        assertTrue(query.search(), query.validation());
        assertEquals(1, query.results().size(), query.results().toString());
        assertEquals("order 42 created", body(query.results().get(0)));
        assertEquals(keyed.messageId(), query.results().get(0).messageId());

        assertEquals(QueryKind.KEY, query.history().get(0).kind());
        assertEquals("order-42", query.history().get(0).text());
        assertEquals(TOPIC, query.history().get(0).topic());
    }

    @Test
    void byIdTellsOffsetIdsFromUniqueIds() {
        query.kindProperty().set(QueryKind.MESSAGE_ID);
        query.textProperty().set(keyed.messageId());
        assertTrue(query.search(), query.validation());
        assertEquals(IdKind.UNIQUE_ID, query.detectedIdKindProperty().get());
        assertEquals(List.of("order 42 created"), query.results().stream().map(QueryViewModelIT::body).toList());

        query.textProperty().set(keyed.offsetMessageId());
        assertTrue(query.search(), query.validation());
        assertEquals(IdKind.OFFSET_ID, query.detectedIdKindProperty().get());
        assertEquals(List.of("order 42 created"), query.results().stream().map(QueryViewModelIT::body).toList());
    }

    @Test
    void byTimeRangeFindsOnlyTheMessagesStoredInIt() {
        query.kindProperty().set(QueryKind.TIME_RANGE);
        query.beginProperty().set(Long.toString(between.toEpochMilli()));
        query.endProperty().set("now");
        assertTrue(query.search(), query.validation());
        assertEquals(List.of("late-0", "late-1", "late-2").stream().sorted().toList(),
                query.results().stream().map(QueryViewModelIT::body).sorted().toList());

        query.maxResultsProperty().set(2);
        assertTrue(query.search());
        assertEquals(2, query.results().size());
    }

    @Test
    void historyIsNewestFirstAndAnEntryRunsAgain() {
        query.kindProperty().set(QueryKind.KEY);
        query.textProperty().set("order-42");
        query.search();
        query.kindProperty().set(QueryKind.TIME_RANGE);
        query.search();
        assertEquals(QueryKind.TIME_RANGE, query.history().get(0).kind());
        var keyEntry = query.history().stream().filter(entry -> entry.kind() == QueryKind.KEY).findFirst().orElseThrow();
        assertTrue(query.rerun(keyEntry));
        assertEquals(QueryKind.KEY, query.kindProperty().get());
        assertEquals(1, query.results().size());
        assertEquals(QueryKind.KEY, query.history().get(0).kind(), "running it again moves it to the top");
    }

    @Test
    void badInputsAreExplainedAndNothingIsQueried() {
        query.kindProperty().set(QueryKind.KEY);
        query.textProperty().set("");
        assertFalse(query.search());
        assertEquals("Enter the key to look for", query.validation());

        query.textProperty().set("k");
        query.beginProperty().set("yesterday morning");
        assertFalse(query.search());
        assertTrue(query.validation().contains("is not a time"), query.validation());

        query.beginProperty().set("now");
        query.endProperty().set("-1h");
        assertFalse(query.search());
        assertEquals("The start of the time range must be before its end", query.validation());

        query.kindProperty().set(QueryKind.MESSAGE_ID);
        query.textProperty().set("not-hex!");
        assertFalse(query.search());
        assertTrue(query.validation().contains("hexadecimal"));

        query.topicProperty().set("");
        assertFalse(query.search());
        assertTrue(query.validation().startsWith("Topic:"));
        assertTrue(fixture.errors.reports().isEmpty(), fixture.errorMessages().toString());
    }
}
