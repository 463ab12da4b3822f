package dev.apogee.broker;

import dev.apogee.store.FlushMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The broker's command line: settings from an optional properties file ({@code --config}), each
 * overridable by an option of the same name. Only the keys below are known; anything else is an
 * error, never silently ignored.
 */
public record BrokerArguments(BrokerConfig config, boolean help, boolean printConfig) {

    public static final String USAGE = """
            Usage: apogee-broker [options]
              --config <file>            properties file with any of the settings below (keys without --)
              --name <name>              broker name (default broker-a)
              --cluster <name>           cluster name (default DefaultCluster)
              --port <port>              port to listen on (default 10911; 0 picks a free one)
              --bind <address>           address to listen on (default 0.0.0.0)
              --host <address>           address clients reach the broker at (default 127.0.0.1)
              --namesrv <host:port;...>  name servers (default 127.0.0.1:9876)
              --data-dir <dir>           data directory (default ./data)
              --flush <ASYNC_FLUSH|SYNC_FLUSH>  when a send counts as stored (default ASYNC_FLUSH)
              --auto-create-topics <true|false> create topics on first send (default true)
              --segment-size <bytes>     commit-log segment file size (default 1073741824, 1 GiB)
              --transaction-check-interval <ms>  how often unresolved transactions are checked (default 30000)
              --transaction-timeout <ms>  age of a half message before its producer is asked (default 6000)
              --transaction-check-max <n> checks before an unresolved half message is discarded (default 15)
              --timer-max-delay <ms>     furthest delivery time of a timer message (default 259200000, 3 days)
              --property-filter <true|false>    serve SQL92 subscriptions (default true)
              --print-config             print the effective settings and exit
              --help                     print this help and exit
            """;

    private static final Set<String> KEYS = Set.of("name", "cluster", "port", "bind", "host", "namesrv", "data-dir",
            "flush", "auto-create-topics", "segment-size", "transaction-check-interval", "transaction-timeout",
            "transaction-check-max", "timer-max-delay", "property-filter");

    /** A command line that cannot be understood. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static BrokerArguments parse(String[] args) throws UsageException {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean help = false;
        boolean print = false;
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--print-config")) {
                print = true;
            } else if (arg.startsWith("--")) {
                String key = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args[++i];
                if (key.equals("config")) {
                    configFile = Path.of(value);
                } else if (KEYS.contains(key)) {
                    settings.put(key, value);
                } else {
                    throw new UsageException("unknown option " + arg);
                }
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        merged.putAll(settings);
        return new BrokerArguments(toConfig(merged), help, print);
    }

    private static Map<String, String> readFile(Path file) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new UsageException(file + ": unknown setting '" + key + "'");
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }

    private static BrokerConfig toConfig(Map<String, String> values) throws UsageException {
        BrokerConfig d = BrokerConfig.defaults();
        try {
            return new BrokerConfig(values.getOrDefault("name", d.brokerName()),
                    values.getOrDefault("cluster", d.clusterName()), d.brokerId(),
                    values.getOrDefault("bind", d.bindAddress()),
                    values.containsKey("port") ? port(values.get("port")) : d.listenPort(),
                    values.getOrDefault("host", d.advertisedHost()),
                    values.containsKey("namesrv") ? nameServers(values.get("namesrv")) : d.nameServers(),
                    values.containsKey("data-dir") ? Path.of(values.get("data-dir")) : d.dataDir(),
                    values.containsKey("flush") ? flush(values.get("flush")) : d.flushMode(),
                    values.containsKey("auto-create-topics") ? bool(values.get("auto-create-topics"))
                            : d.autoCreateTopics(),
                    d.defaultQueueNums(), d.registerInterval(),
                    values.containsKey("segment-size") ? segmentSize(values.get("segment-size")) : d.commitLogSegmentSize(),
                    tuning(values, d.tuning()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static BrokerTuning tuning(Map<String, String> values, BrokerTuning d) throws UsageException {
        Duration checkInterval = values.containsKey("transaction-check-interval")
                ? millis("transaction-check-interval", values.get("transaction-check-interval"))
                : d.transactionCheckInterval();
        Duration timeout = values.containsKey("transaction-timeout")
                ? millis("transaction-timeout", values.get("transaction-timeout")) : d.transactionTimeout();
        int checkMax = values.containsKey("transaction-check-max")
                ? (int) number("transaction-check-max", values.get("transaction-check-max")) : d.transactionCheckMax();
        Duration timerMax = values.containsKey("timer-max-delay")
                ? millis("timer-max-delay", values.get("timer-max-delay")) : d.timerMaxDelay();
        boolean propertyFilter = values.containsKey("property-filter") ? bool(values.get("property-filter"))
                : d.propertyFilter();
        return new BrokerTuning(checkInterval, timeout, checkMax, timerMax, propertyFilter);
    }

    /** Between 1 MiB (tests) and 2 GiB - 1 (a mapped segment's limit). */
    private static int segmentSize(String value) throws UsageException {
        long size = number("segment-size", value);
        if (size < (1 << 20) || size > Integer.MAX_VALUE) {
            throw new UsageException("segment-size must be between 1048576 and " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) size;
    }

    private static Duration millis(String key, String value) throws UsageException {
        return Duration.ofMillis(number(key, value));
    }

    private static long number(String key, String value) throws UsageException {
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0 || number > Integer.MAX_VALUE * 1000L) {
                throw new UsageException(key + " is out of range: " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(key + " needs a whole number, not '" + value + "'");
        }
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new UsageException("port " + value + " is out of range 0..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("port needs a whole number, not '" + value + "'");
        }
    }

    private static List<String> nameServers(String value) throws UsageException {
        List<String> servers = Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String server : servers) {
            if (!server.matches("[^:]+:\\d{1,5}")) {
                throw new UsageException("name server '" + server + "' is not host:port");
            }
        }
        if (servers.isEmpty()) {
            throw new UsageException("--namesrv needs at least one host:port");
        }
        return servers;
    }

    private static FlushMode flush(String value) throws UsageException {
        try {
            return FlushMode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("flush must be ASYNC_FLUSH or SYNC_FLUSH, not '" + value + "'");
        }
    }

    private static boolean bool(String value) throws UsageException {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new UsageException("expected true or false, not '" + value + "'");
    }

    /** The effective settings, one {@code key=value} per line, as a properties file would have them. */
    public static String describe(BrokerConfig config) {
        return "name=" + config.brokerName() + "\ncluster=" + config.clusterName() + "\nport=" + config.listenPort()
                + "\nbind=" + config.bindAddress() + "\nhost=" + config.advertisedHost() + "\nnamesrv="
                + String.join(";", config.nameServers()) + "\ndata-dir=" + config.dataDir() + "\nflush="
                + config.flushMode() + "\nauto-create-topics=" + config.autoCreateTopics()
                + "\nsegment-size=" + config.commitLogSegmentSize()
                + "\ntransaction-check-interval=" + config.tuning().transactionCheckInterval().toMillis()
                + "\ntransaction-timeout=" + config.tuning().transactionTimeout().toMillis()
                + "\ntransaction-check-max=" + config.tuning().transactionCheckMax()
                + "\ntimer-max-delay=" + config.tuning().timerMaxDelay().toMillis()
                + "\nproperty-filter=" + config.tuning().propertyFilter() + "\n";
    }
}
