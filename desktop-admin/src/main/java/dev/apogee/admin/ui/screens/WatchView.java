package dev.apogee.admin.ui.screens;

import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.ui.Ticker;
import dev.apogee.admin.viewmodel.LagPoint;
import dev.apogee.admin.viewmodel.LagSeries;
import dev.apogee.admin.viewmodel.WatchViewModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Chosen groups' lag over time: a line per group, sampled by a {@link Ticker} (a JavaFX
 * ScheduledService) every chosen interval, over a chosen window, with pause. A table beside the chart
 * gives the latest figures; an unknown lag is left out of the line (LineChart joins its neighbours)
 * and shown as "unknown" in the table.
 */
public final class WatchView extends ScreenView {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final WatchViewModel model;
    private final Ticker ticker;
    private final NumberAxis time = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final Map<LagSeries, XYChart.Series<Number, Number>> lines = new HashMap<>();

    public WatchView(AdminContext context, Navigator navigator) {
        super(Screen.WATCH, context, navigator);
        this.model = context.watch();
        this.ticker = new Ticker(model.intervalProperty().get(), this::tick);

        time.setAutoRanging(false);
        time.setForceZeroInRange(false);
        time.setLabel("time");
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("display only");
            }
        });
        NumberAxis lag = new NumberAxis();
        lag.setLabel("lag (messages)");
        lag.setForceZeroInRange(true);
        chart = new LineChart<>(time, lag);
        chart.setId("lagChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setTitle("Consumer lag");

        TableView<LagSeries> latest = Controls.table("watchTable", "Add a consumer group to watch");
        latest.setItems(model.series());
        latest.getColumns().setAll(List.of(
                Controls.column("Group", 150, LagSeries::group),
                live("Lag now", point -> Controls.number(point.lag())),
                live("Committed", point -> Controls.number(point.consumerOffset())),
                live("Samples", null)));
        latest.setPrefWidth(380);

        model.series().forEach(this::addLine);
        model.series().addListener((ListChangeListener<LagSeries>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeLine);
                change.getAddedSubList().forEach(this::addLine);
            }
            schedule();
        });

        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pauseWatch");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setTooltip(new Tooltip("Pause or resume sampling  (Ctrl+P)"));
        shortcut(keys("Shortcut+P"), "Pause or resume", () -> model.pausedProperty().set(!model.pausedProperty().get()));
        model.pausedProperty().addListener((observable, before, after) -> schedule());

        ChoiceBox<Duration> interval = new ChoiceBox<>(FXCollections.observableArrayList(WatchViewModel.INTERVALS));
        interval.setId("watchInterval");
        interval.setConverter(ClusterView.durations());
        interval.valueProperty().bindBidirectional(model.intervalProperty());
        model.intervalProperty().addListener((observable, before, after) -> {
            if (after != null) {
                ticker.setPeriod(after);
            }
        });
        ChoiceBox<Duration> window = new ChoiceBox<>(FXCollections.observableArrayList(WatchViewModel.WINDOWS));
        window.setId("watchWindow");
        window.setConverter(ClusterView.durations());
        window.valueProperty().bindBidirectional(model.windowProperty());
        model.windowProperty().addListener((observable, before, after) -> model.series().forEach(this::redraw));

        Button add = action("addWatchedGroup", "Watch group", keys("Shortcut+G"), model::addGroup);
        Button remove = action("removeWatchedGroup", "Stop watching", keys("Shortcut+D"), () -> {
            LagSeries selected = latest.getSelectionModel().getSelectedItem();
            if (selected != null) {
                model.removeGroup(selected.group());
            }
        });
        remove.disableProperty().bind(latest.getSelectionModel().selectedItemProperty().isNull());
        VBox top = new VBox(6, Controls.title("Watch offsets"), Controls.row(
                Controls.field("watchGroupName", model.groupToAddProperty(), "consumer group"), add, remove,
                Controls.spacer(), pause, new javafx.scene.control.Label("every"), interval,
                new javafx.scene.control.Label("over the last"), window));
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(latest, chart);
        split.setDividerPositions(0.34);
        layout(top, split, new TaskFooter("watch", model));
    }

    /** A column of the latest sample's {@code text} ({@code null}: the number of samples), live as samples come. */
    private TableColumn<LagSeries, String> live(String title, java.util.function.Function<LagPoint, String> text) {
        TableColumn<LagSeries, String> column = new TableColumn<>(title);
        column.setPrefWidth(80);
        column.setCellValueFactory(cell -> {
            LagSeries series = cell.getValue();
            if (series == null) {
                return new ReadOnlyStringWrapper("");
            }
            return Bindings.createStringBinding(() -> text == null ? Integer.toString(series.points().size())
                    : series.points().isEmpty() ? "-" : text.apply(series.points().get(series.points().size() - 1)),
                    series.points());
        });
        return column;
    }

    private void addLine(LagSeries series) {
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName(series.group());
        lines.put(series, line);
        chart.getData().add(line);
        series.points().addListener((ListChangeListener<LagPoint>) change -> redraw(series));
        redraw(series);
    }

    private void removeLine(LagSeries series) {
        XYChart.Series<Number, Number> line = lines.remove(series);
        if (line != null) {
            chart.getData().remove(line);
        }
    }

    /** Draws {@code series} anew (a window holds a few hundred points at most) and moves the time axis to now. */
    private void redraw(LagSeries series) {
        XYChart.Series<Number, Number> line = lines.get(series);
        if (line == null) {
            return;
        }
        List<XYChart.Data<Number, Number>> data = series.points().stream().filter(point -> point.lag().isPresent())
                .map(point -> new XYChart.Data<Number, Number>(point.at().getEpochSecond() + point.at().getNano() / 1e9,
                        point.lag().getAsLong()))
                .toList();
        line.getData().setAll(data);
        Duration span = model.windowProperty().get();
        double now = context.session().clock().instant().toEpochMilli() / 1000.0;
        time.setLowerBound(now - span.toSeconds());
        time.setUpperBound(now);
        time.setTickUnit(Math.max(1, span.toSeconds() / 6.0));
    }

    private void tick() {
        if (context.session().connectedProperty().get()) {
            model.refresh();
        }
    }

    /** Ticks while a group is watched and not paused; the watch goes on when another screen is shown. */
    private void schedule() {
        boolean wanted = !model.series().isEmpty() && !model.pausedProperty().get();
        if (wanted && !ticker.isRunning()) {
            ticker.start();
        } else if (!wanted) {
            ticker.stop();
        }
    }

    @Override
    public void stop() {
        ticker.stop();
    }
}
