package dev.apogee.admin.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.store.QueryKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main flows through the real UI (headless, Monocle) against an in-process broker: add and test a
 * connection and connect, create a topic, send a message from the producer screen, browse it, query it
 * by key, open it in the detail view, export it; find one by its id and re-send it; pin a topic and delete
 * it after a confirmation; page through a queue forwards and back and jump to an offset and a time; re-send
 * a dead letter to its original topic; and a failure shown in the error dialog. Each test
 * connects first if an earlier one did not (they share the application and the broker to stay quick).
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiIT {

    @TempDir
    static Path dir;
    private static ClusterFixture cluster;
    private static UiDriver ui;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir.resolve("cluster"));
        ui = UiDriver.start(dir.resolve("admin"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeLeftDialogs() {
        ui.closeDialogs();
    }

    /** Adds a connection "local" through the form and connects, unless the session is connected already. */
    static void connect(UiDriver ui, ClusterFixture cluster) {
        if (ui.fx(() -> ui.context().session().connectedProperty().get())) {
            return;
        }
        ui.open(Screen.CONNECTIONS);
        ui.click("#newConnection");
        ui.type("#connectionName", "local");
        ui.type("#connectionNameServers", cluster.namesrv());
        ui.click("#saveConnection");
        ui.await("local saved and selected", () -> ui.context().connections().selectedProperty().get() != null);
        ui.click("#connect");
        ui.await("connected", () -> ui.text("#statusLive").startsWith("Connected to local"));
    }

    @Test
    @Order(1)
    void aConnectionIsCheckedTestedSavedAndConnected() {
        ui.open(Screen.CONNECTIONS);
        assertEquals("Not connected", ui.text("#statusLive"));
        ui.click("#newConnection");
        ui.type("#connectionNameServers", cluster.namesrv());
        ui.click("#saveConnection");
        assertEquals("Give the connection a name", ui.text("#connectionsValidation"), "a nameless one is refused");
        assertTrue(ui.fx(() -> ui.context().connections().connections().isEmpty()));

        ui.type("#connectionName", "local");
        ui.press(KeyCode.CONTROL, KeyCode.T);
        ui.await("the test found the broker", () -> ui.text("#testResult").startsWith("1 broker in "));
        assertTrue(ui.text("#testResult").contains(cluster.clusterName()), ui.text("#testResult"));
        assertEquals("Not connected", ui.text("#statusLive"), "a test does not connect");

        ui.click("#saveConnection");
        ui.await("listed", () -> ui.robot.lookup("#connectionList").queryListView().getItems().size() == 1);
        ui.click("#connect");
        ui.await("the status bar names the live cluster", () -> ui.text("#statusLive")
                .equals("Connected to local: " + cluster.clusterName() + " (1 broker)"));
        assertTrue(ui.robot.lookup("#connectionList .list-cell").queryAll().stream()
                .anyMatch(cell -> ((javafx.scene.control.ListCell<?>) cell).getText() != null
                        && ((javafx.scene.control.ListCell<?>) cell).getText().startsWith("\u25CF local")),
                "the live connection is marked in the list");
    }

    @Test
    @Order(2)
    void aTopicIsCreatedFromTheFormAndShownWithItsQueues() {
        connect(ui, cluster);
        ui.press(KeyCode.CONTROL, KeyCode.DIGIT3);
        ui.await("topics shown", () -> ui.app.window().activeProperty().get() == Screen.TOPICS);
        ui.await("the cluster is offered", () -> ui.robot.lookup("#topicCluster").<ComboBox<String>>query()
                .getValue() != null);
        ui.type("#topicName", "bad name!");
        ui.click("#submitTopic");
        ui.await("a bad name is refused", () -> ui.text("#topicsValidation").startsWith("Topic name:"));

        ui.type("#topicName", "UiOrders");
        ui.type("#topicReadQueues", "2");
        ui.type("#topicWriteQueues", "2");
        ui.click("#submitTopic");
        ui.await("UiOrders listed", () -> ui.column("#topicTable", "Topic").contains("UiOrders"));
        ui.await("its two queues shown", () -> ui.column("#topicQueueTable", "Queue").size() == 2);
        assertTrue(ui.text("#topicRoute").contains("2 read / 2 write"), ui.text("#topicRoute"));
        assertTrue(cluster.checker.topics().list().contains("UiOrders"), "created on the broker");
        assertFalse(ui.column("#topicTable", "Topic").contains("TBW102"), "system topics hidden by default");
        ui.click("#showSystemTopics");
        ui.await("TBW102 with the toggle", () -> ui.column("#topicTable", "Topic").contains("TBW102"));
        ui.click("#showSystemTopics");
    }

    @Test
    @Order(3)
    void aMessageSentFromTheProducerIsBrowsedQueriedByKeyOpenedAndExported() throws Exception {
        connect(ui, cluster);
        if (!cluster.checker.topics().list().contains("UiOrders")) {
            cluster.createTopic("UiOrders", 2);
        }
        ui.open(Screen.PRODUCER);
        ui.type("#producerTopic", "UiOrders");
        ui.type("#producerTags", "created");
        ui.type("#producerKeys", "order-42");
        ui.type("#producerProperties", "region=eu");
        ui.type("#producerBody", "{\"id\":42,\"item\":\"book\"}");
        ui.press(KeyCode.CONTROL, KeyCode.ENTER);
        ui.await("sent", () -> ui.text("#lastReceipt").startsWith("SEND_OK"));
        String messageId = ui.fx(() -> ui.context().producer().lastReceiptProperty().get().messageId());
        String queueLabel = ui.fx(() -> ui.context().producer().lastReceiptProperty().get().queue().label());
        assertTrue(ui.text("#lastReceipt").contains(messageId));
        cluster.awaitStored("UiOrders", 1);

        // Browse: the queue it went to, first page.
        ui.open(Screen.BROWSE);
        ui.type("#browseTopicName", "UiOrders");
        ui.press(KeyCode.F5);
        ui.await("two queues loaded", () -> ui.robot.lookup("#browseQueue").<ComboBox<QueueOffsets>>query()
                .getItems().size() == 2);
        ui.fxRun(() -> {
            ComboBox<QueueOffsets> queues = ui.robot.lookup("#browseQueue").query();
            QueueOffsets stored = queues.getItems().stream().filter(queue -> queue.queue().label().equals(queueLabel))
                    .findFirst().orElseThrow();
            queues.setValue(stored);
        });
        ui.await("the message browsed", () -> ui.column("#browseTable", "Keys").equals(List.of("order-42")));
        assertEquals(List.of("created"), ui.column("#browseTable", "Tags"));
        assertEquals(List.of(messageId), ui.column("#browseTable", "Message id"));
        assertTrue(ui.text("#browsePage").startsWith("Showing offsets 0 to 0"), ui.text("#browsePage"));

        // Query by key, open the result.
        ui.open(Screen.QUERY);
        ui.fxRun(() -> ui.robot.lookup("#queryKind").<ChoiceBox<QueryKind>>query().setValue(QueryKind.KEY));
        ui.type("#queryTopic", "UiOrders");
        ui.type("#queryText", "order-42");
        ui.press(KeyCode.CONTROL, KeyCode.ENTER);
        ui.await("found by key", () -> ui.column("#queryResults", "Message id").equals(List.of(messageId)));
        ui.await("kept in the history", () -> !ui.robot.lookup("#queryHistory").queryListView().getItems().isEmpty());
        ui.clickCell("#queryResults", messageId);
        ui.press(KeyCode.CONTROL, KeyCode.O);
        ui.await("the detail view shows it", () -> ui.app.window().activeProperty().get() == Screen.DETAIL);
        assertEquals(messageId, ui.text("#detailMessageId"));
        assertEquals("UiOrders", ui.text("#detailTopic"));
        assertEquals("created  /  order-42", ui.text("#detailTagsKeys"));
        assertEquals("UTF-8 (JSON), 23 bytes", ui.text("#bodyEncoding"));
        assertEquals("{\"id\":42,\"item\":\"book\"}", ui.fx(() -> ui.robot.lookup("#bodyText").<TextArea>query().getText()));
        assertTrue(ui.fx(() -> ui.robot.lookup("#bodyJson").<TextArea>query().getText()).contains("\"item\" : \"book\""));
        assertTrue(ui.column("#propertyTable", "Property").contains("region"));
        assertTrue(ui.column("#propertyTable", "Property").contains("KEYS"));
        assertEquals("Re-send to UiOrders", ui.text("#resendMessage"));

        // Export the message shown (File → Export messages) to a file the test "chooses".
        Path exported = dir.resolve("message.json");
        ui.files.choose(exported);
        ui.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M);
        ui.await("exported", () -> ui.text("#exportStatus").startsWith("Exported 1 messages to"));
        String json = Files.readString(exported, StandardCharsets.UTF_8);
        assertTrue(json.contains(messageId) && json.contains("order-42"), json);
        assertTrue(ui.errors().isEmpty(), ui.errors().toString());
    }

    @Test
    @Order(5)
    void aMessageFoundByItsIdIsResentAndItsTopicPinnedThenDeletedOnceConfirmed() {
        connect(ui, cluster);
        int errorsBefore = ui.errors().size();
        cluster.createTopic("UiResend", 1);
        String messageId = cluster.send("UiResend", "once more").messageId();
        cluster.awaitStored("UiResend", 1);

        ui.open(Screen.QUERY);
        ui.fxRun(() -> ui.robot.lookup("#queryKind").<ChoiceBox<QueryKind>>query().setValue(QueryKind.MESSAGE_ID));
        ui.type("#queryTopic", "UiResend");
        ui.type("#queryText", messageId);
        ui.press(KeyCode.CONTROL, KeyCode.ENTER);
        ui.await("found by its id", () -> ui.column("#queryResults", "Message id").equals(List.of(messageId)));
        ui.clickCell("#queryResults", messageId);
        ui.press(KeyCode.CONTROL, KeyCode.O);
        ui.await("the detail view shows it", () -> messageId.equals(ui.text("#detailMessageId")));
        assertEquals("Re-send to UiResend", ui.text("#resendMessage"));
        ui.click("#resendMessage");
        ui.await("re-sent", () -> ui.text("#detailStatus").startsWith("Sent to UiResend as "));
        assertFalse(ui.text("#detailStatus").endsWith(messageId), "the copy is a new message");
        cluster.awaitStored("UiResend", 2);

        ui.open(Screen.TOPICS);
        ui.press(KeyCode.F5);
        ui.await("UiResend listed", () -> ui.column("#topicTable", "Topic").contains("UiResend"));
        ui.clickCell("#topicTable", "UiResend");
        ui.press(KeyCode.CONTROL, KeyCode.P);
        ui.await("pinned first", () -> ui.column("#topicTable", "Topic").get(0).equals("UiResend")
                && ui.column("#topicTable", "\u2605").get(0).equals("\u2605"));

        ui.press(KeyCode.CONTROL, KeyCode.D);
        ui.await("asked first", () -> ui.dialogShowing("#confirmationDialog"));
        ui.click("#confirmNo");
        ui.await("the question closed", () -> !ui.dialogShowing("#confirmationDialog"));
        assertTrue(cluster.checker.topics().list().contains("UiResend"), "a no deletes nothing");
        ui.press(KeyCode.CONTROL, KeyCode.D);
        ui.await("asked again", () -> ui.dialogShowing("#confirmationDialog"));
        ui.click("#confirmYes");
        ui.await("deleted on the cluster", () -> !cluster.checker.topics().list().contains("UiResend"));
        ui.await("gone from the list", () -> !ui.column("#topicTable", "Topic").contains("UiResend"));
        assertEquals(errorsBefore, ui.errors().size(), ui.errors().toString());
    }

    @Test
    @Order(6)
    void aQueueIsPagedForwardsAndBackAndJumpedToAnOffsetAndATime() {
        connect(ui, cluster);
        cluster.createTopic("UiPages", 1);
        for (int i = 0; i < 5; i++) {
            cluster.send("UiPages", "page " + i);
        }
        cluster.awaitStored("UiPages", 5);

        ui.open(Screen.BROWSE);
        ui.type("#browseTopicName", "UiPages");
        ui.press(KeyCode.F5);
        ui.await("its one queue chosen and shown", () -> ui.column("#browseTable", "Offset")
                .equals(List.of("0", "1", "2", "3", "4")));
        ui.fxRun(() -> ui.robot.lookup("#browsePageSize").<javafx.scene.control.Spinner<Integer>>query()
                .getValueFactory().setValue(2));
        ui.await("the page shown again, two offsets long", () -> ui.column("#browseTable", "Offset")
                .equals(List.of("0", "1")));
        ui.press(KeyCode.CONTROL, KeyCode.PAGE_DOWN);
        ui.await("the second page", () -> ui.column("#browseTable", "Offset").equals(List.of("2", "3")));
        ui.press(KeyCode.CONTROL, KeyCode.PAGE_DOWN);
        ui.await("the last, short page", () -> ui.column("#browseTable", "Offset").equals(List.of("4")));
        assertTrue(ui.fx(() -> ui.robot.lookup("#browseNext").queryButton().isDisabled()), "nothing after the end");
        ui.press(KeyCode.CONTROL, KeyCode.PAGE_UP);
        ui.await("back one page", () -> ui.column("#browseTable", "Offset").equals(List.of("2", "3")));

        ui.type("#browseJumpOffset", "3");
        ui.press(KeyCode.CONTROL, KeyCode.J);
        ui.await("from offset 3", () -> ui.column("#browseTable", "Offset").equals(List.of("3", "4")));
        ui.type("#browseJumpTime", "-1h");
        ui.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.J);
        ui.await("an hour ago is before the first message", () -> ui.column("#browseTable", "Offset")
                .equals(List.of("0", "1")));
        assertTrue(ui.fx(() -> ui.robot.lookup("#browsePrevious").queryButton().isDisabled()), "nothing before 0");
    }

    @Test
    @Order(7)
    void aSelectedDeadLetterIsResentToItsOriginalTopic() {
        connect(ui, cluster);
        cluster.createTopic("UiPayments", 1);
        cluster.send("UiPayments", "poison");
        cluster.awaitStored("UiPayments", 1);
        cluster.deadLetter("ui-payments", "UiPayments", 1);

        ui.open(Screen.DLQ);
        ui.type("#dlqGroup", "ui-payments");
        ui.press(KeyCode.F5);
        ui.await("the dead letter listed", () -> ui.column("#dlqTable", "Original topic").equals(List.of("UiPayments")));
        assertTrue(ui.fx(() -> ui.robot.lookup("#resendDeadLetters").queryButton().isDisabled()),
                "nothing to re-send before a selection");
        ui.clickCell("#dlqTable", "UiPayments");
        ui.press(KeyCode.CONTROL, KeyCode.R);
        ui.await("its outcome", () -> ui.robot.lookup("#dlqOutcomes").queryListView().getItems().stream()
                .anyMatch(outcome -> outcome.toString().contains("re-sent to UiPayments")));
        cluster.awaitStored("UiPayments", 2);
    }

    @Test
    @Order(4)
    void aFailureIsShownInTheErrorDialogWithItsDetails() {
        connect(ui, cluster);
        int before = ui.errors().size();
        ui.open(Screen.BROWSE);
        ui.type("#browseTopicName", "NoSuchTopicAnywhere");
        ui.click("#loadQueues");
        ui.await("the error dialog", () -> ui.dialogShowing("#errorDialog"));
        assertEquals(before + 1, ui.errors().size());
        String shown = ui.text("#errorMessage");
        assertFalse(shown.isBlank());
        assertEquals(ui.errors().get(before), shown, "the dialog shows the failure's message");
        assertTrue(ui.fx(() -> ui.robot.lookup("#errorDialog").<javafx.scene.control.DialogPane>query()
                .getHeaderText()).startsWith("Load queues of NoSuchTopicAnywhere failed"));

        ui.robot.clickOn(ui.robot.lookup("#errorDialog .details-button").<javafx.scene.Node>query());
        ui.await("the details expanded", () -> ui.robot.lookup("#errorDetails").tryQuery().map(
                javafx.scene.Node::isVisible).orElse(false));
        assertTrue(ui.fx(() -> ui.robot.lookup("#errorDetails").<TextArea>query().getText()).contains("\tat "),
                "the details hold the stack trace");
        ui.click("#errorClose");
        ui.await("closed", () -> !ui.dialogShowing("#errorDialog"));
        assertEquals("Errors: " + (before + 1), ui.text("#showErrors"));
    }
}
