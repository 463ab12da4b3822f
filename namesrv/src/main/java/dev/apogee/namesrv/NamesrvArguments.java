package dev.apogee.namesrv;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line of {@link NamesrvMain}: {@code --port}, {@code --bind}, {@code --data-dir},
 * {@code --broker-expiry}, {@code --help}. Options take their value as the next argument or after
 * {@code =}.
 *
 * @param config the settings to start with
 * @param help   whether usage was asked for
 */
public record NamesrvArguments(NamesrvConfig config, boolean help) {

    /** What {@code --help} prints. */
    public static final String USAGE = """
            Usage: apogee-namesrv [options]
              --port <port>             port to listen on (default 9876; 0 picks a free one)
              --bind <address>          address to listen on (default 0.0.0.0)
              --data-dir <dir>          data directory; KV config goes to <dir>/namesrv (default ./data)
              --broker-expiry <seconds> remove a broker silent for this long (default 120)
              --help                    print this help and exit
            """;

    /** A command line that cannot be understood; the message is one line for the user. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args} on top of {@link NamesrvConfig#defaults()}. */
    public static NamesrvArguments parse(String... args) throws UsageException {
        NamesrvConfig config = NamesrvConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new NamesrvArguments(config, true);
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!name.equals("--port") && !name.equals("--bind") && !name.equals("--data-dir")
                    && !name.equals("--broker-expiry")) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            config = apply(config, name, value);
        }
        return new NamesrvArguments(config, false);
    }

    private static NamesrvConfig apply(NamesrvConfig config, String name, String value) throws UsageException {
        switch (name) {
            case "--port" -> {
                int port = number(name, value);
                if (port > 65535) {
                    throw new UsageException("--port must be between 0 and 65535, not " + value);
                }
                return config.withPort(port);
            }
            case "--bind" -> {
                if (value.isBlank()) {
                    throw new UsageException("--bind needs an address");
                }
                return config.withBindAddress(value);
            }
            case "--data-dir" -> {
                try {
                    return config.withDataDir(Path.of(value));
                } catch (InvalidPathException e) {
                    throw new UsageException("--data-dir '" + value + "' is not a valid path");
                }
            }
            default -> {
                int seconds = number(name, value);
                if (seconds == 0) {
                    throw new UsageException("--broker-expiry must be at least 1 second");
                }
                return config.withBrokerExpiry(Duration.ofSeconds(seconds));
            }
        }
    }

    private static int number(String name, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a non-negative whole number, not '" + value + "'");
        }
    }
}
