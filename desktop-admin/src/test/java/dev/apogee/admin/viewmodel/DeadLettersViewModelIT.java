package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeadLettersViewModelIT {

    private static final String TOPIC = "PaymentsDlqSource";
    private static final String GROUP = "payments-dlq";

    @TempDir
    static Path dir;
    private static AdminFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir);
        fixture.createTopic(TOPIC, 1);
        fixture.send(TOPIC, "poison-1", "dead-1");
        fixture.send(TOPIC, "poison-2", "dead-2");
        fixture.awaitStored(TOPIC, 2);
        MessageQueue queue = new MessageQueue(TOPIC, fixture.cluster.brokerName(0), 0);
        // What a consumer does with a message it gave up on: CONSUMER_SEND_MSG_BACK with delay level -1
        // puts it straight into the group's dead-letter topic.
        for (MessageView message : fixture.checker.messages().browse(queue, 0, 2)) {
            Rpc.await(fixture.offsets.sendBack(GROUP, queue, message, TOPIC, -1, 16));
        }
        fixture.awaitStored("%DLQ%" + GROUP, 2);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void deadLettersAreListedAndSelectedOnesGoBackToTheirOriginalTopic() {
        DeadLettersViewModel dlq = new DeadLettersViewModel(fixture.session);
        dlq.groupProperty().set(GROUP);
        assertTrue(dlq.load(), dlq.validation());
        assertEquals(2, dlq.messages().size());
        for (MessageRecord message : dlq.messages()) {
            assertEquals("%DLQ%" + GROUP, message.topic());
            assertEquals(TOPIC, message.originalTopic(), message.properties().toString());
        }
        assertFalse(dlq.resendSelected());
        assertEquals("Select the messages to re-send", dlq.validation());

        MessageRecord first = dlq.messages().stream()
                .filter(message -> new String(message.body(), StandardCharsets.UTF_8).equals("poison-1")).findFirst()
                .orElseThrow();
        dlq.selection().setAll(List.of(first));
        assertTrue(dlq.resendSelected());
        assertEquals(1, dlq.outcomes().size());
        assertTrue(dlq.outcomes().get(0).contains("re-sent to " + TOPIC), dlq.outcomes().toString());
        Await.until("the re-sent message in " + TOPIC, () -> fixture.checker.messages()
                .queryByKey(TOPIC, "dead-1", Instant.EPOCH, Instant.now().plusSeconds(60), 5).size() == 2);
        assertEquals(1, fixture.checker.messages().queryByKey(TOPIC, "dead-2", Instant.EPOCH,
                Instant.now().plusSeconds(60), 5).size(), "the one not selected stays dead");
    }

    @Test
    void aGroupWithoutDeadLettersShowsNoneAndBadNamesAreRefused() {
        DeadLettersViewModel dlq = new DeadLettersViewModel(fixture.session);
        dlq.groupProperty().set("no-dead-letters-here");
        assertTrue(dlq.load());
        assertTrue(dlq.messages().isEmpty());
        dlq.groupProperty().set("bad group");
        assertFalse(dlq.load());
        assertTrue(dlq.validation().contains("is not a consumer group name"));
        assertTrue(fixture.errors.reports().isEmpty(), fixture.errorMessages().toString());
    }
}
