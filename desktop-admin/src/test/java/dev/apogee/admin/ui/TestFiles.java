package dev.apogee.admin.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Answers the application's file dialogs with the file a test set, as if the user had chosen it. */
final class TestFiles implements FilePicker {

    private volatile Path next;
    private volatile String lastSuggestion;

    /** The file the next dialog answers with. */
    void choose(Path file) {
        next = file;
    }

    /** The name the application suggested last. */
    String lastSuggestion() {
        return lastSuggestion;
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
        lastSuggestion = suggestedName;
        return Optional.ofNullable(next);
    }

    @Override
    public Optional<Path> openFile(Window owner, String title) {
        return Optional.ofNullable(next);
    }
}
