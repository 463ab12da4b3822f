package dev.apogee.broker.installed;

import dev.apogee.broker.BrokerMain;
import dev.apogee.broker.StandaloneMain;
import dev.apogee.namesrv.NamesrvMain;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The entry point of the packaged server's launchers ({@code standalone}, {@code broker}, {@code namesrv}):
 * each launcher names its command in the system property {@code apogee.command}, and this class gives the
 * command the installed layout's defaults ({@link InstalledLayout}) before handing over to its main class.
 *
 * <p>No logger here, on purpose: the log directory must be decided before Log4j reads its configuration,
 * which happens when the first logger is made.
 */
public final class InstalledMain {

    private InstalledMain() {
    }

    public static void main(String[] args) {
        String command = System.getProperty("apogee.command", "standalone");
        InstalledLayout layout = InstalledLayout.current();
        if (System.getProperty("apogee.log.dir") == null) {
            System.setProperty("apogee.log.dir", layout.logs().toString());
        }
        if (System.getProperty("apogee.log.name") == null) {
            System.setProperty("apogee.log.name", command);
        }
        String[] withDefaults = withDataDir(args, layout);
        switch (command) {
            case "standalone" -> StandaloneMain.main(withDefaults);
            case "broker" -> BrokerMain.main(withDefaults);
            case "namesrv" -> NamesrvMain.main(withDefaults);
            default -> {
                System.err.println("apogee: unknown command '" + command + "' in apogee.command"
                        + " (standalone, broker or namesrv)");
                System.exit(2);
            }
        }
    }

    /**
     * {@code args} with {@code --data-dir} set to the layout's, unless they choose a data directory
     * themselves: with {@code --data-dir}, or in the file {@code --config} names (a {@code data-dir} key,
     * which an added option would override).
     */
    static String[] withDataDir(String[] args, InstalledLayout layout) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir")) {
                return args;
            }
            if (args[i].equals("--config") && i + 1 < args.length && configChoosesDataDir(Path.of(args[i + 1]))) {
                return args;
            }
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(layout.data().toString());
        return all.toArray(String[]::new);
    }

    private static boolean configChoosesDataDir(Path file) {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            settings.load(reader);
        } catch (IOException e) {
            // The server reports an unreadable file itself, with its usage.
            return false;
        }
        return settings.containsKey("data-dir");
    }
}
