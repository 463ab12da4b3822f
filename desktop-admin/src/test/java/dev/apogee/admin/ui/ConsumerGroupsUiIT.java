package dev.apogee.admin.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.service.ResetTarget;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups through the real UI against an in-process broker: the offset watch's chart and table
 * follow a group's lag down to 0 while a consumer started by the test catches up, and an offset reset
 * is previewed, refused once and then confirmed in its dialog, checked on the broker each time.
 */
@Timeout(120)
class ConsumerGroupsUiIT {

    @TempDir
    static Path dir;
    private static ClusterFixture cluster;
    private static UiDriver ui;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(dir.resolve("cluster"));
        ui = UiDriver.start(dir.resolve("admin"));
        AdminUiIT.connect(ui, cluster);
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

    /** The lag values the chart's line for {@code group} holds, oldest first. */
    private static List<Long> chartedLag(String group) {
        return ui.fx(() -> {
            LineChart<Number, Number> chart = ui.robot.lookup("#lagChart").query();
            return chart.getData().stream().filter(series -> series.getName().equals(group)).findFirst()
                    .map(series -> series.getData().stream().map(XYChart.Data::getYValue).map(Number::longValue).toList())
                    .orElse(List.of());
        });
    }

    @Test
    void theWatchShowsAGroupsLagFallingToZeroAsAConsumerCatchesUp() {
        cluster.createTopic("UiLag", 1);
        for (int i = 0; i < 5; i++) {
            cluster.send("UiLag", "m" + i);
        }
        cluster.awaitStored("UiLag", 5);
        // A committed offset at the start makes the lag known (5) before anything is consumed.
        cluster.commit("ui-watched", "UiLag", 0, 0);

        ui.open(Screen.WATCH);
        ui.fxRun(() -> ui.robot.lookup("#watchInterval").<ChoiceBox<Duration>>query().setValue(Duration.ofSeconds(1)));
        ui.type("#watchGroupName", "ui-watched");
        ui.click("#addWatchedGroup");
        ui.await("lag 5 in the table", () -> ui.column("#watchTable", "Lag now").equals(List.of("5")));
        ui.await("lag 5 on the chart", () -> chartedLag("ui-watched").contains(5L));
        assertEquals(List.of("0"), ui.column("#watchTable", "Committed"));

        AtomicInteger consumed = new AtomicInteger();
        try (PushConsumer consumer = cluster.consumer("ui-watched", "UiLag", consumed)) {
            ui.await("lag 0 in the table", () -> ui.column("#watchTable", "Lag now").equals(List.of("0")));
            ui.await("lag 0 on the chart", () -> {
                List<Long> line = chartedLag("ui-watched");
                return !line.isEmpty() && line.get(line.size() - 1) == 0L;
            });
        }
        assertEquals(5, consumed.get());
        assertEquals(List.of("5"), ui.column("#watchTable", "Committed"));
        List<Long> line = chartedLag("ui-watched");
        assertEquals(5L, line.get(0), "the line starts at 5: " + line);
        assertTrue(line.size() >= 2, "sampled again on the schedule: " + line);

        // Pause (its shortcut) stops the schedule; Resume (its button) starts it again.
        ui.press(KeyCode.CONTROL, KeyCode.P);
        ui.await("paused", () -> ui.text("#pauseWatch").equals("Resume"));
        assertTrue(ui.fx(() -> ui.context().watch().pausedProperty().get()));
        int samples = Integer.parseInt(ui.column("#watchTable", "Samples").get(0));
        ui.click("#pauseWatch");
        ui.await("sampling again", () -> Integer.parseInt(ui.column("#watchTable", "Samples").get(0)) > samples);
    }

    @Test
    void anOffsetResetIsPreviewedAndDoneOnlyOnceConfirmed() {
        cluster.createTopic("UiReset", 1);
        for (int i = 0; i < 3; i++) {
            cluster.send("UiReset", "r" + i);
        }
        cluster.awaitStored("UiReset", 3);
        // A group the brokers know (its subscription config) that consumed everything.
        cluster.checker.groups().createOrUpdate(SubscriptionGroupConfig.defaults("ui-reset"));
        cluster.commit("ui-reset", "UiReset", 0, 3);

        ui.open(Screen.GROUPS);
        ui.press(KeyCode.F5);
        ui.clickCell("#groupTable", "ui-reset");
        ui.await("its queue shown, caught up", () -> ui.column("#groupQueueTable", "Lag").equals(List.of("0")));
        assertEquals("UiReset", ui.text("#resetTopic"), "the group's topic is filled in");
        ui.fxRun(() -> ui.robot.lookup("#resetKind").<ChoiceBox<ResetTarget.Kind>>query()
                .setValue(ResetTarget.Kind.EARLIEST));

        ui.click("#previewReset");
        ui.await("the confirmation dialog", () -> ui.dialogShowing("#confirmationDialog"));
        assertTrue(ui.text("#confirmationQuestion").startsWith("Reset the offsets of ui-reset on UiReset to the oldest"),
                ui.text("#confirmationQuestion"));
        assertEquals(List.of("3"), ui.column("#resetPreview", "Current"));
        assertEquals(List.of("0"), ui.column("#resetPreview", "New"));
        assertEquals(3, cluster.committed("ui-reset", "UiReset", 0), "the preview changed nothing");
        ui.click("#confirmNo");
        ui.await("dialog closed", () -> !ui.dialogShowing("#confirmationDialog"));
        assertEquals(3, cluster.committed("ui-reset", "UiReset", 0), "No changes nothing");

        ui.press(KeyCode.CONTROL, KeyCode.R);
        ui.await("asked again", () -> ui.dialogShowing("#confirmationDialog"));
        ui.click("#confirmYes");
        ui.await("the reset shown", () -> ui.text("#lastReset").equals("Last reset moved 1 queue: "
                + cluster.cluster.brokerName(0) + "/0 3 \u2192 0"));
        assertEquals(0, cluster.committed("ui-reset", "UiReset", 0), "Yes reset the offset on the broker");
        ui.await("the queue table shows the lag again", () -> ui.column("#groupQueueTable", "Lag").equals(List.of("3")));
        assertTrue(ui.errors().isEmpty(), ui.errors().toString());
    }
}
