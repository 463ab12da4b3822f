package dev.apogee.admin.ui.screens;

import dev.apogee.admin.export.TableData;
import dev.apogee.admin.export.Tables;
import dev.apogee.admin.service.BrokerInfo;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.ui.Ticker;
import dev.apogee.admin.viewmodel.ClusterViewModel;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Every broker with address, version, role, TPS and disk use; refreshed on a schedule while shown. */
public final class ClusterView extends ScreenView {

    private final ClusterViewModel model;
    private final Ticker ticker;
    private boolean showing;

    public ClusterView(AdminContext context, Navigator navigator) {
        super(Screen.CLUSTER, context, navigator);
        this.model = context.cluster();
        this.ticker = new Ticker(model.intervalProperty().get(), this::tick);

        TableView<BrokerInfo> table = Controls.table("brokerTable", "Connect to a cluster to see its brokers");
        table.setItems(model.brokers());
        table.getColumns().setAll(List.of(
                Controls.column("Cluster", 110, BrokerInfo::cluster),
                Controls.column("Broker", 110, BrokerInfo::brokerName),
                Controls.column("Id", 40, broker -> Long.toString(broker.brokerId())),
                Controls.column("Address", 150, BrokerInfo::address),
                Controls.column("Role", 70, BrokerInfo::role),
                Controls.column("Version", 80, broker -> broker.version().orElse("unknown")),
                Controls.column("Put TPS", 70, broker -> Controls.number(broker.putTps())),
                Controls.column("Get TPS", 70, broker -> Controls.number(broker.getTps())),
                Controls.column("Disk used", 80, ClusterViewModel::diskUse),
                Controls.column("Problem", 200, BrokerInfo::problem)));

        ChoiceBox<Duration> interval = new ChoiceBox<>(FXCollections.observableArrayList(ClusterViewModel.INTERVALS));
        interval.setId("clusterInterval");
        interval.setConverter(durations());
        interval.valueProperty().bindBidirectional(model.intervalProperty());
        model.intervalProperty().addListener((observable, before, after) -> {
            if (after != null) {
                ticker.setPeriod(after);
            }
        });
        model.autoRefreshProperty().addListener((observable, before, after) -> schedule());
        Label refreshed = Controls.label("clusterRefreshedAt", "");
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> model.refreshedAtProperty().get() == null
                ? "" : "Refreshed " + Controls.time(model.refreshedAtProperty().get()), model.refreshedAtProperty()));

        VBox top = new VBox(6, Controls.title("Cluster"), Controls.row(
                action("refreshCluster", "Refresh", keys("F5"), model::refresh),
                Controls.check("clusterAutoRefresh", "Refresh every", model.autoRefreshProperty()), interval,
                Controls.spacer(), refreshed));
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(top, table, new TaskFooter("cluster", model));
    }

    /** How the interval and window choices read: "5 s", "1 min", "1 h". */
    static StringConverter<Duration> durations() {
        return new StringConverter<>() {
            @Override
            public String toString(Duration duration) {
                if (duration == null) {
                    return "";
                }
                long seconds = duration.toSeconds();
                return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min"
                        : seconds + " s";
            }

            @Override
            public Duration fromString(String text) {
                throw new UnsupportedOperationException("chosen from a list");
            }
        };
    }

    private void tick() {
        if (context.session().connectedProperty().get()) {
            model.refresh();
        }
    }

    private void schedule() {
        if (showing && model.autoRefreshProperty().get()) {
            ticker.start();
        } else {
            ticker.stop();
        }
    }

    @Override
    public void shown() {
        showing = true;
        if (!model.autoRefreshProperty().get()) {
            tick();
        }
        schedule();
    }

    @Override
    public void hidden() {
        showing = false;
        schedule();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public TableData tableToExport() {
        return Tables.brokers(model.brokers());
    }
}
