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
 * @param connect       name servers to connect to at start ({@code --connect}), or null
 */
public record AdminOptions(Path dataDirectory, FilePicker files, String connect) {

    public static final String USAGE = """
            Usage: bin/apogee admin [--data-dir DIR] [--connect HOST:PORT[;HOST:PORT...]]

              --data-dir DIR  where saved connections, favourites, query history and settings are kept
                              (default ~/.apogee-admin)
              --connect NS    connect at start to these name servers (saved as a connection if new)
              -h, --help      show this help
            """;

    public AdminOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(files, "files");
    }

    /** Options that connect to nothing at start. */
    public AdminOptions(Path dataDirectory, FilePicker files) {
        this(dataDirectory, files, null);
    }

    /**
     * The options {@code args} give.
     *
     * @throws IllegalArgumentException with a message for the user when an argument is not understood
     */
    public static AdminOptions parse(List<String> args) {
        Path dataDirectory = AdminStore.defaultDirectory();
        String connect = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--connect")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new IllegalArgumentException("--connect needs name server addresses, host:port[;host:port]");
                }
                connect = args.get(++i);
            } else if (arg.equals("--data-dir")) {
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
        return new AdminOptions(dataDirectory, new FxFilePicker(), connect);
    }
}
