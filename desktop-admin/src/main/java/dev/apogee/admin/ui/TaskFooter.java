package dev.apogee.admin.ui;

import dev.apogee.admin.task.TaskHandle;
import dev.apogee.admin.viewmodel.ScreenViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;

/**
 * The bottom line of a screen: the view model's validation message (what is wrong with the input),
 * and while its task runs a progress indicator, what it does, and a Cancel button. Ids are the
 * screen's prefix plus {@code Validation}, {@code Progress}, {@code Task} and {@code Cancel}.
 */
public final class TaskFooter extends HBox {

    public TaskFooter(String prefix, ScreenViewModel model) {
        super(8);
        getStyleClass().add("task-footer");
        Label validation = Controls.label(prefix + "Validation", "");
        validation.getStyleClass().add("validation");
        validation.textProperty().bind(model.validationProperty());

        ProgressIndicator progress = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
        progress.setId(prefix + "Progress");
        progress.setPrefSize(18, 18);
        Label task = Controls.label(prefix + "Task", "");
        Button cancel = new Button("Cancel");
        cancel.setId(prefix + "Cancel");
        cancel.setOnAction(event -> model.cancel());
        model.lastTaskProperty().addListener((observable, before, handle) -> follow(handle, progress, task));

        HBox running = Controls.row(progress, task, cancel);
        running.visibleProperty().bind(model.busyProperty());
        running.managedProperty().bind(running.visibleProperty());
        getChildren().setAll(validation, Controls.spacer(), running);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    private static void follow(TaskHandle handle, ProgressIndicator progress, Label task) {
        progress.progressProperty().unbind();
        task.textProperty().unbind();
        if (handle == null) {
            return;
        }
        progress.progressProperty().bind(handle.progressProperty());
        task.textProperty().bind(Bindings.createStringBinding(() -> handle.messageProperty().get().isEmpty()
                ? handle.title() + " ..." : handle.title() + ": " + handle.messageProperty().get(),
                handle.messageProperty()));
    }
}
