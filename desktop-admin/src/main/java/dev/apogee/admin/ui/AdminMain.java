package dev.apogee.admin.ui;

import java.util.List;
import javafx.application.Application;

/**
 * The class-path entry point. It is not the {@link javafx.application.Application} itself: a main
 * class that extends Application makes the JDK's launcher insist on JavaFX modules on the module path,
 * which a class-path launch (bin/apogee) does not have.
 */
public final class AdminMain {

    private AdminMain() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("-h") || arguments.contains("--help")) {
            System.out.print(AdminOptions.USAGE);
            return;
        }
        try {
            AdminOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            // Said on the terminal before any window opens: the user typed the command there.
            System.err.println("apogee admin: " + e.getMessage());
            System.err.print(AdminOptions.USAGE);
            System.exit(2);
        }
        Application.launch(AdminApp.class, args);
    }
}
