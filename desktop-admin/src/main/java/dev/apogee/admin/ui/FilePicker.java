package dev.apogee.admin.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Asks the user for a file. The application uses {@link FxFilePicker} (the platform's file dialog);
 * the UI tests answer with files of their own, because a native file dialog cannot be driven
 * headless.
 */
public interface FilePicker {

    /** A file to write, suggesting {@code suggestedName}; empty if the user cancelled. */
    Optional<Path> saveFile(Window owner, String title, String suggestedName);

    /** A file to read; empty if the user cancelled. */
    Optional<Path> openFile(Window owner, String title);
}
