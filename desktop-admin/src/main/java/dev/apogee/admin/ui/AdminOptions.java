package dev.apogee.admin.ui;

import dev.apogee.admin.store.AdminStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the application starts: where its data lives and how it asks for files.
 *
 * @param dataDirectory the store's directory (saved connections, settings, history)
 * @param files         the file dialogs
 */
public record AdminOptions(Path dataDirectory, FilePicker files) {

    public static final String USAGE = """
            Usage: bin/apogee admin [--data-dir DIR]

              --data-dir DIR  where saved connections, favourites, query history and settings are kept
                              (default ~/.apogee-admin)
              -h, --help      show this help
            """;

    public AdminOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(files, "files");
    }

    /**
     * The options {@code args} give.
     *
     * @throws IllegalArgumentException with a message for the user when an argument is not understood
     */
    public static AdminOptions parse(List<String> args) {
        Path dataDirectory = AdminStore.defaultDirectory();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a directory");
                }
                dataDirectory = Path.of(args.get(++i));
            } else if (arg.startsWith("--data-dir=")) {
                dataDirectory = Path.of(arg.substring("--data-dir=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new AdminOptions(dataDirectory, new FxFilePicker());
    }
}
