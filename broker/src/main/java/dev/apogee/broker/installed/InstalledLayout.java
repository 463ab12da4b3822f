package dev.apogee.broker.installed;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where an installed server keeps its data and logs when the command line does not say: the
 * platform's per-user places, or {@code APOGEE_DATA_DIR} and {@code APOGEE_LOG_DIR} (which the system
 * service units set to {@code /var/lib/apogee} and {@code /var/log/apogee}). A checkout run with
 * {@code bin/apogee} keeps {@code ./data} and {@code ./logs} instead; this is only for packaged launchers,
 * whose working directory may be anything (a desktop launch starts in {@code /} or the home directory).
 *
 * @param data where servers keep their data (the {@code --data-dir} default)
 * @param logs where log files go (the {@code apogee.log.dir} default)
 */
public record InstalledLayout(Path data, Path logs) {

    /** The layout for this process: its operating system, environment and home directory. */
    public static InstalledLayout current() {
        return of(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home", ".")));
    }

    /**
     * The layout for an operating system named {@code osName} (as {@code os.name} says it), with
     * {@code env} and the user's {@code home}.
     */
    public static InstalledLayout of(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path data;
        Path logs;
        if (os.startsWith("windows")) {
            Path local = present(env, "LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA"))
                    : home.resolve("AppData").resolve("Local");
            data = local.resolve("Apogee").resolve("data");
            logs = local.resolve("Apogee").resolve("logs");
        } else if (os.startsWith("mac")) {
            data = home.resolve("Library").resolve("Application Support").resolve("Apogee");
            logs = home.resolve("Library").resolve("Logs").resolve("Apogee");
        } else {
            // The XDG base directories: data is data; logs are state (kept across runs, not essential).
            data = (present(env, "XDG_DATA_HOME") ? Path.of(env.get("XDG_DATA_HOME"))
                    : home.resolve(".local").resolve("share")).resolve("apogee");
            logs = (present(env, "XDG_STATE_HOME") ? Path.of(env.get("XDG_STATE_HOME"))
                    : home.resolve(".local").resolve("state")).resolve("apogee").resolve("logs");
        }
        if (present(env, "APOGEE_DATA_DIR")) {
            data = Path.of(env.get("APOGEE_DATA_DIR"));
        }
        if (present(env, "APOGEE_LOG_DIR")) {
            logs = Path.of(env.get("APOGEE_LOG_DIR"));
        }
        return new InstalledLayout(data, logs);
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
