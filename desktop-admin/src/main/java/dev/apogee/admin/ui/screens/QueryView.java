package dev.apogee.admin.ui.screens;

import dev.apogee.admin.service.MessageRecord;
import dev.apogee.admin.store.QueryHistoryEntry;
import dev.apogee.admin.store.QueryKind;
import dev.apogee.admin.ui.AdminContext;
import dev.apogee.admin.ui.Controls;
import dev.apogee.admin.ui.Navigator;
import dev.apogee.admin.ui.Screen;
import dev.apogee.admin.ui.ScreenView;
import dev.apogee.admin.ui.TaskFooter;
import dev.apogee.admin.viewmodel.QueryViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Messages by key (in a time range), by message id, or by time range; with the connection's query history. */
public final class QueryView extends ScreenView {

    private final QueryViewModel model;
    private final TableView<MessageRecord> table;
    /** Held here: a bidirectional binding to {@code asObject()} lives only as long as its object. */
    private final ObjectProperty<Integer> maxResults;

    public QueryView(AdminContext context, Navigator navigator) {
        super(Screen.QUERY, context, navigator);
        this.model = context.query();
        this.maxResults = model.maxResultsProperty().asObject();

        ChoiceBox<QueryKind> kind = new ChoiceBox<>(FXCollections.observableArrayList(QueryKind.values()));
        kind.setId("queryKind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(QueryKind value) {
                return value == null ? "" : switch (value) {
                    case KEY -> "By key";
                    case MESSAGE_ID -> "By message id";
                    case TIME_RANGE -> "By time range";
                };
            }

            @Override
            public QueryKind fromString(String text) {
                throw new UnsupportedOperationException("chosen from a list");
            }
        });
        kind.valueProperty().bindBidirectional(model.kindProperty());
        TextField text = Controls.field("queryText", model.textProperty(), "key or message id");
        text.disableProperty().bind(model.kindProperty().isEqualTo(QueryKind.TIME_RANGE));
        TextField begin = Controls.field("queryBegin", model.beginProperty(), "-1d, 2024-05-01 12:00, ...");
        TextField end = Controls.field("queryEnd", model.endProperty(), "now");
        begin.disableProperty().bind(model.kindProperty().isEqualTo(QueryKind.MESSAGE_ID));
        end.disableProperty().bind(begin.disableProperty());
        Spinner<Integer> max = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                QueryViewModel.MAX_RESULTS, model.maxResultsProperty().get()));
        max.setId("queryMax");
        max.setEditable(true);
        max.setPrefWidth(90);
        max.getValueFactory().valueProperty().bindBidirectional(maxResults);
        Label detected = Controls.label("queryDetectedId", "");
        detected.textProperty().bind(Bindings.createStringBinding(() -> model.detectedIdKindProperty().get() == null
                ? "" : "The id is " + (model.detectedIdKindProperty().get().name().equals("OFFSET_ID")
                ? "an offset id (broker and commit-log offset)" : "a unique client id"),
                model.detectedIdKindProperty()));

        table = MessageTables.table("queryResults", "Run a query", navigator, true);
        table.setItems(model.results());
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) ->
                model.selectedProperty().set(after));
        Button open = action("openQueryResult", "Open", keys("Shortcut+O"), () -> {
            MessageRecord selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                navigator.openMessage(selected);
            }
        });
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Label count = Controls.label("queryCount", "");
        count.textProperty().bind(Bindings.size(model.results()).asString("%d found"));

        ListView<QueryHistoryEntry> history = new ListView<>(model.history());
        history.setId("queryHistory");
        history.setPlaceholder(new Label("Queries you run are kept here"));
        history.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(QueryHistoryEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : kind.getConverter().toString(entry.kind()) + ": "
                        + entry.topic() + (entry.text().isEmpty() ? "" : " " + entry.text()) + "  ("
                        + Controls.time(entry.ranAt()) + ")");
            }
        });
        Button rerun = action("rerunQuery", "Run again", keys("Shortcut+R"), () -> {
            QueryHistoryEntry entry = history.getSelectionModel().getSelectedItem();
            if (entry != null) {
                model.rerun(entry);
            }
        });
        rerun.disableProperty().bind(history.getSelectionModel().selectedItemProperty().isNull());
        Button clear = action("clearQueryHistory", "Clear history", keys("Shortcut+Shift+DELETE"), model::clearHistory);
        VBox historyPane = new VBox(6, new Label("Recent queries"), history, Controls.row(rerun, clear));
        VBox.setVgrow(history, javafx.scene.layout.Priority.ALWAYS);

        VBox results = new VBox(6, table, Controls.row(count, detected, Controls.spacer(), open));
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(results, historyPane);
        split.setDividerPositions(0.72);

        VBox top = new VBox(6, Controls.title("Query messages"),
                Controls.row(kind, new Label("Topic"), Controls.field("queryTopic", model.topicProperty(), "Topic"),
                        text, action("runQuery", "Search", keys("Shortcut+ENTER"), model::search)),
                Controls.row(new Label("From"), begin, new Label("to"), end, new Label("At most"), max));
        text.setPrefColumnCount(28);
        shortcut(keys("ESCAPE"), "Cancel what runs", model::cancel);
        layout(top, split, new TaskFooter("query", model));
    }

    @Override
    public List<MessageRecord> messagesToExport() {
        return MessageTables.selectedOrAll(table);
    }

    @Override
    public String exportName() {
        return "query-results";
    }
}
