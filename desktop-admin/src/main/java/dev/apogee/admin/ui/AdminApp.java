package dev.apogee.admin.ui;

import dev.apogee.admin.store.StoreException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JavaFX application: opens the store, makes the view models and the main window, and closes
 * them in reverse when the window closes. Launched by {@link AdminMain}; the UI tests make one with
 * their own options.
 */
public final class AdminApp extends Application {

    private static final Logger LOG = LogManager.getLogger(AdminApp.class);

    private AdminOptions options;
    private AdminContext context;
    private MainWindow window;

    /** For {@link Application#launch}: the options come from the command line. */
    public AdminApp() {
    }

    /** With {@code options} given (tests, screenshots). */
    public AdminApp(AdminOptions options) {
        this.options = options;
    }

    @Override
    public void init() {
        if (options == null) {
            // AdminMain checked the arguments already; a failure here is a bug, and shows as one.
            options = AdminOptions.parse(getParameters().getRaw());
        }
    }

    @Override
    public void start(Stage stage) {
        try {
            context = AdminContext.open(options);
        } catch (StoreException e) {
            LOG.error("cannot open the admin's data in {}", options.dataDirectory(), e);
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage()
                    + "\n\nIs another Apogee admin running with the same data directory? Close it, or start this one"
                    + " with --data-dir pointing elsewhere.");
            alert.setHeaderText("The admin's data in " + options.dataDirectory() + " cannot be opened");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        window = new MainWindow(context, stage);
        window.showWindow();
        if (options.connect() != null) {
            // In the background like any connect; a bad address shows on the Connections screen.
            context.connections().connectTo(options.connect());
        }
    }

    /** The main window, once started (tests and screenshots look at it). */
    public MainWindow window() {
        return window;
    }

    /** The view models and services, once started. */
    public AdminContext context() {
        return context;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
        if (context != null) {
            context.close();
        }
    }
}
