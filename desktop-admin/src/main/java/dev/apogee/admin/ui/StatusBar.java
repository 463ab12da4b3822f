package dev.apogee.admin.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/**
 * The main window's bottom line: which cluster is live, what the last export did, how many tasks run,
 * and a button to the errors. Ids: {@code statusLive}, {@code exportStatus}, {@code runningTasks},
 * {@code showErrors}.
 */
final class StatusBar extends HBox {

    StatusBar(AdminContext context, StringProperty notice, Runnable showErrors) {
        super(8);
        getStyleClass().add("status-bar");
        Circle dot = new Circle(5);
        dot.getStyleClass().add("live-dot");
        context.session().connectedProperty().addListener((observable, before, connected) ->
                dot.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("connected"), connected));
        Label live = Controls.label("statusLive", "");
        live.textProperty().bind(context.session().statusProperty());

        Label exportStatus = Controls.label("exportStatus", "");
        exportStatus.textProperty().bind(Bindings.createStringBinding(() -> !notice.get().isEmpty() ? notice.get()
                        : !context.export().validation().isEmpty() ? context.export().validation()
                        : context.export().statusProperty().get(),
                notice, context.export().validationProperty(), context.export().statusProperty()));

        ProgressIndicator running = new ProgressIndicator();
        running.setId("runningTasks");
        running.setPrefSize(16, 16);
        running.visibleProperty().bind(context.tasks().runningProperty().greaterThan(0));
        Label runningText = new Label();
        runningText.textProperty().bind(Bindings.createStringBinding(() -> {
            int count = context.tasks().runningProperty().get();
            return count == 0 ? "" : count == 1 ? "1 task" : count + " tasks";
        }, context.tasks().runningProperty()));

        Button errors = new Button();
        errors.setId("showErrors");
        errors.textProperty().bind(Bindings.size(context.errors().reports()).asString("Errors: %d"));
        errors.disableProperty().bind(Bindings.isEmpty(context.errors().reports()));
        errors.setOnAction(event -> showErrors.run());

        getChildren().setAll(dot, live, Controls.spacer(), exportStatus, running, runningText, errors);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }
}
