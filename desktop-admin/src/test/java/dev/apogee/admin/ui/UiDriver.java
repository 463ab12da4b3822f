package dev.apogee.admin.ui;

import static org.junit.jupiter.api.Assertions.fail;

import dev.apogee.admin.task.ErrorReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the running application through its UI for the tests: starts {@link AdminApp} on TestFX's
 * primary stage (headless under Monocle), clicks and types by node id, reads what the UI shows on the
 * JavaFX thread, and waits for conditions with a deadline instead of sleeping.
 */
final class UiDriver implements AutoCloseable {

    static final long WAIT_SECONDS = 30;

    final FxRobot robot = new FxRobot();
    final TestFiles files;
    final AdminApp app;

    private UiDriver(AdminApp app, TestFiles files) {
        this.app = app;
        this.files = files;
    }

    /** Starts the application with its data in {@code dataDirectory}. */
    static UiDriver start(Path dataDirectory) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        TestFiles files = new TestFiles();
        AdminApp app = (AdminApp) FxToolkit.setupApplication(() -> new AdminApp(new AdminOptions(dataDirectory, files)));
        return new UiDriver(app, files);
    }

    AdminContext context() {
        return app.context();
    }

    /** {@code work}'s value, computed on the JavaFX thread. */
    <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("on the JavaFX thread: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }

    /** Runs {@code work} on the JavaFX thread and waits for the events it caused. */
    void fxRun(Runnable work) {
        robot.interact(work);
    }

    /** Waits until {@code condition} (checked on the JavaFX thread) holds; fails naming {@code what} and any error shown. */
    void await(String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            if (Boolean.TRUE.equals(fx(condition))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT_SECONDS + " s for: " + what + "; errors shown: " + errors() + "; " + focus());
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Which window and node have the keyboard, what runs and what the screens complain of: for failure messages. */
    String focus() {
        return fx(() -> "focused windows " + Window.getWindows().stream().filter(Window::isFocused).toList()
                + ", main window's focus owner " + app.window().scene().getFocusOwner()
                + ", windows " + Window.getWindows().stream().filter(Window::isShowing).toList()
                + ", running tasks " + context().tasks().runningProperty().get()
                + ", validation " + robot.lookup(node -> node.getId() != null && node.getId().endsWith("Validation"))
                .queryAll().stream().map(node -> ((Labeled) node).getText()).filter(text -> !text.isEmpty()).toList());
    }

    /** The failures the error log holds (what the error dialog showed). */
    List<String> errors() {
        return fx(() -> context().errors().reports().stream().map(ErrorReport::message).toList());
    }

    <T extends Node> T node(String query) {
        return robot.lookup(query).query();
    }

    /** The text a label, button or text field shows. */
    String text(String query) {
        return fx(() -> {
            Node node = robot.lookup(query).query();
            return node instanceof TextInputControl input ? input.getText() : ((Labeled) node).getText();
        });
    }

    void click(String query) {
        robot.clickOn(query);
    }

    /** Replaces the text of the field {@code query} by typing {@code text} into it. */
    void type(String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        if (text.isEmpty()) {
            robot.push(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
    }

    /** Presses a key combination, e.g. {@code KeyCode.CONTROL, KeyCode.ENTER}. */
    void press(KeyCode... keys) {
        robot.push(keys);
    }

    /** Shows {@code screen} through its navigation button. */
    void open(Screen screen) {
        robot.clickOn("#" + screen.navId());
        await(screen.title() + " shown", () -> app.window().activeProperty().get() == screen);
    }

    /** What table {@code query} shows in column {@code title} of each row. */
    List<String> column(String query, String title) {
        return fx(() -> {
            TableView<?> table = robot.lookup(query).queryTableView();
            TableColumn<?, ?> column = table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst()
                    .orElseThrow(() -> new AssertionError(query + " has no column " + title));
            return table.getItems().stream().map(row -> String.valueOf(column.getCellObservableValue(
                    table.getItems().indexOf(row)).getValue())).toList();
        });
    }

    /** Clicks the cell of table {@code query} that shows {@code text}. */
    void clickCell(String query, String text) {
        await(query + " shows " + text, () -> cell(query, text).isPresent());
        robot.clickOn(fx(() -> cell(query, text).orElseThrow()));
    }

    private Optional<Node> cell(String query, String text) {
        return robot.lookup(query).lookup(".table-cell").queryAll().stream()
                .filter(node -> node instanceof TableCell<?, ?> cell && text.equals(cell.getText()) && cell.isVisible())
                .findFirst();
    }

    /** Whether a dialog (a window other than the main one) with a node {@code query} is showing. */
    boolean dialogShowing(String query) {
        return fx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .filter(window -> window != app.window().window())
                .anyMatch(window -> window.getScene() != null && window.getScene().getRoot().lookup(query) != null));
    }

    /** Closes any dialog a failed test left open, so the next test can use the main window. */
    void closeDialogs() {
        fxRun(() -> {
            List.copyOf(Window.getWindows()).stream()
                    .filter(window -> window != app.window().window() && window instanceof Stage)
                    .forEach(window -> ((Stage) window).close());
            app.window().window().requestFocus();
        });
    }

    @Override
    public void close() throws TimeoutException {
        closeDialogs();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
