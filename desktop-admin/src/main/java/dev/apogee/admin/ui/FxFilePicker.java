package dev.apogee.admin.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file dialogs, starting in the folder used last. */
public final class FxFilePicker implements FilePicker {

    private File lastFolder;

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
        FileChooser chooser = chooser(title);
        chooser.setInitialFileName(suggestedName);
        if (suggestedName.endsWith(".csv") || suggestedName.endsWith(".json")) {
            chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                    new FileChooser.ExtensionFilter("JSON", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            if (suggestedName.endsWith(".json")) {
                chooser.setSelectedExtensionFilter(chooser.getExtensionFilters().get(1));
            }
        }
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> openFile(Window owner, String title) {
        return remember(chooser(title).showOpenDialog(owner));
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        return chooser;
    }

    private Optional<Path> remember(File chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        lastFolder = chosen.getParentFile();
        return Optional.of(chosen.toPath());
    }
}
