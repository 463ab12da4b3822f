package dev.apogee.admin.ui;

import dev.apogee.admin.service.QueueOffsets;
import dev.apogee.admin.service.ResetTarget;
import dev.apogee.admin.store.QueryKind;
import dev.apogee.admin.store.Theme;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.message.Message;
import dev.apogee.remoting.protocol.body.SubscriptionGroupConfig;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots from the running application: starts an in-process Apogee cluster
 * with a few topics, messages and groups, drives the admin headless (Monocle) through its screens the
 * way the UI tests do, and writes each screen's {@code Scene.snapshot} as a PNG. Run by
 * {@code desktop-admin/screenshots.sh}; not a test, so the normal build never rewrites the pictures.
 */
public final class ScreenshotMain {

    private ScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        // Headless JavaFX, as the pom sets for the tests; before the toolkit starts.
        System.setProperty("testfx.robot", "glass");
        System.setProperty("testfx.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "desktop-admin/docs/screenshots");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("apogee-screenshots");
        try (ClusterFixture cluster = new ClusterFixture(work.resolve("cluster"))) {
            seed(cluster);
            UiDriver ui = UiDriver.start(work.resolve("admin"));
            try {
                ui.fxRun(() -> ui.app.window().themes().themeProperty().set(Theme.LIGHT));
                take(ui, cluster, out);
            } finally {
                ui.close();
            }
        }
        System.out.println("screenshots written to " + out.toAbsolutePath());
        System.exit(0);
    }

    private static void seed(ClusterFixture cluster) {
        cluster.createTopic("Orders", 4);
        cluster.createTopic("Payments", 2);
        for (int i = 1; i <= 24; i++) {
            String body = "{\"order\":" + (1000 + i) + ",\"customer\":\"c-" + (i % 5) + "\",\"total\":" + (i * 7.5) + "}";
            cluster.producer.send(Message.of("Orders", body.getBytes(StandardCharsets.UTF_8))
                    .tags(i % 3 == 0 ? "refund" : "created").keys("order-" + (1000 + i)));
        }
        for (int i = 1; i <= 6; i++) {
            cluster.send("Payments", "payment " + i);
        }
        cluster.awaitStored("Orders", 24);
        for (String group : List.of("billing", "shipping", "audit")) {
            cluster.checker.groups().createOrUpdate(SubscriptionGroupConfig.defaults(group));
        }
        for (int queue = 0; queue < 4; queue++) {
            cluster.commit("billing", "Orders", queue, 0);
            cluster.commit("shipping", "Orders", queue, 2);
        }
    }

    private static void take(UiDriver ui, ClusterFixture cluster, Path out) throws Exception {
        AdminUiIT.connect(ui, cluster);
        ui.fxRun(() -> ui.context().connections().testConnection());
        ui.await("tested", () -> !ui.text("#testResult").isEmpty() && !ui.text("#testResult").startsWith("Testing"));
        shoot(ui, out, "connections");

        ui.open(Screen.CLUSTER);
        ui.await("brokers", () -> !ui.column("#brokerTable", "Address").isEmpty());
        shoot(ui, out, "cluster");

        ui.open(Screen.TOPICS);
        ui.clickCell("#topicTable", "Orders");
        ui.await("queues", () -> ui.column("#topicQueueTable", "Queue").size() == 4);
        shoot(ui, out, "topics");

        ui.open(Screen.BROWSE);
        ui.type("#browseTopicName", "Orders");
        ui.click("#loadQueues");
        ui.await("queues", () -> ui.robot.lookup("#browseQueue").<ComboBox<QueueOffsets>>query().getItems().size() == 4);
        ui.await("a page", () -> !ui.column("#browseTable", "Offset").isEmpty());
        shoot(ui, out, "browse");

        ui.open(Screen.QUERY);
        ui.fxRun(() -> ui.robot.lookup("#queryKind").<ChoiceBox<QueryKind>>query().setValue(QueryKind.KEY));
        ui.type("#queryTopic", "Orders");
        ui.type("#queryText", "order-1012");
        ui.click("#runQuery");
        ui.await("found", () -> ui.column("#queryResults", "Keys").contains("order-1012"));
        shoot(ui, out, "query");

        ui.clickCell("#queryResults", "order-1012");
        ui.click("#openQueryResult");
        ui.await("detail", () -> ui.text("#detailTagsKeys").contains("order-1012"));
        shoot(ui, out, "message-detail");

        ui.open(Screen.WATCH);
        ui.fxRun(() -> {
            ui.robot.lookup("#watchInterval").<ChoiceBox<Duration>>query().setValue(Duration.ofSeconds(1));
            ui.robot.lookup("#watchWindow").<ChoiceBox<Duration>>query().setValue(Duration.ofMinutes(1));
        });
        for (String group : List.of("billing", "shipping")) {
            ui.type("#watchGroupName", group);
            ui.click("#addWatchedGroup");
        }
        ui.await("a few samples before consuming", () -> samples(ui, 1) >= 3);
        // A consumer that takes one message at a time, slowly, so that the chart draws the lag going down.
        Object oneAtATime = new Object();
        try (PushConsumer slow = PushConsumer.builder().nameServers(cluster.namesrv()).group("billing")
                .subscribe("Orders", "*").startFrom(StartPosition.FIRST).commitInterval(Duration.ofMillis(200))
                .listener(message -> {
                    synchronized (oneAtATime) {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return ConsumeResult.SUCCESS;
                }).build()) {
            ui.await("billing caught up", () -> ui.column("#watchTable", "Lag now").get(0).equals("0"));
            int caughtUp = samples(ui, 1);
            ui.await("a few samples after", () -> samples(ui, 1) >= caughtUp + 3);
            shoot(ui, out, "watch");

            ui.open(Screen.GROUPS);
            ui.click("#refreshGroups");
            ui.clickCell("#groupTable", "shipping");
            ui.await("its queues", () -> ui.column("#groupQueueTable", "Queue").size() == 4);
            ui.fxRun(() -> ui.robot.lookup("#resetKind").<ChoiceBox<ResetTarget.Kind>>query()
                    .setValue(ResetTarget.Kind.EARLIEST));
            ui.click("#previewReset");
            ui.await("the preview", () -> ui.column("#resetPreview", "New").size() == 4);
            ui.click("#confirmNo");
            ui.await("closed", () -> !ui.dialogShowing("#confirmationDialog"));
            shoot(ui, out, "consumer-groups");
        }

        ui.open(Screen.PRODUCER);
        ui.type("#producerTopic", "Payments");
        ui.type("#producerTags", "captured");
        ui.type("#producerKeys", "pay-77");
        ui.type("#producerProperties", "region=eu");
        ui.type("#producerBody", "{\"payment\":77,\"amount\":42.5}");
        ui.click("#sendMessage");
        ui.await("sent", () -> ui.text("#lastReceipt").startsWith("SEND_OK"));
        shoot(ui, out, "producer");

        ui.fxRun(() -> ui.app.window().themes().themeProperty().set(Theme.DARK));
        ui.open(Screen.TOPICS);
        shoot(ui, out, "topics-dark");
        ui.fxRun(() -> ui.app.window().themes().themeProperty().set(Theme.LIGHT));
    }

    /** How many samples the watch table shows for its {@code row}th group. */
    private static int samples(UiDriver ui, int row) {
        List<String> samples = ui.column("#watchTable", "Samples");
        return samples.size() > row ? Integer.parseInt(samples.get(row)) : 0;
    }

    /** Writes the main window's scene as {@code out/name.png}. */
    private static void shoot(UiDriver ui, Path out, String name) throws Exception {
        WritableImage image = ui.fx(() -> ui.app.window().scene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.resolve(name + ".png").toFile());
    }
}
