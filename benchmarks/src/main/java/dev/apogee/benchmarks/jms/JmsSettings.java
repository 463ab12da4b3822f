package dev.apogee.benchmarks.jms;

import static dev.apogee.benchmarks.Options.positive;

import dev.apogee.benchmarks.Options;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the JMS benchmark does; both servers get the same settings.
 *
 * @param measure       measured time of each timed figure
 * @param warmUp        unmeasured time before each timed figure
 * @param threads       producer threads of the send figures, consumer threads of the receive figure
 * @param bodySize      bytes per BytesMessage body
 * @param backlog       messages put on the queue before the receive figure
 * @param rate          messages per second of the latency figure
 * @param servers       which servers to run, in the order of the first round ("apogee", "artemis")
 * @param figures       which figures to measure
 * @param rounds        how many times each server is measured; the table shows medians
 * @param keep          keep the servers' data and logs
 * @param startTimeout  how long a server may take until a JMS send to it succeeds
 * @param artemisBufferTimeoutNanos Artemis's journal buffer timeout; 0: measured on the disk first
 */
record JmsSettings(Duration measure, Duration warmUp, int threads, int bodySize, int backlog, int rate,
                   List<String> servers, Set<String> figures, int rounds, boolean keep, Duration startTimeout,
                   long artemisBufferTimeoutNanos) {

    static final List<String> SERVERS = List.of("apogee", "artemis");
    static final List<String> FIGURES = List.of("persistent", "non-persistent", "receive", "latency");

    static final String USAGE = """
            Usage: JmsBenchmark [options]
              --seconds <n>        measured seconds per timed figure (default 15)
              --warmup <n>         warm-up seconds before each timed figure (default 5)
              --threads <n>        producer threads of the send figures, consumers of the receive figure (default 8)
              --size <bytes>       BytesMessage body size (default 1024)
              --messages <n>       backlog put on the queue before the receive figure (default 50000)
              --rate <n>           messages/s of the latency figure (default 1000)
              --servers <list>     comma-separated subset of apogee,artemis, in first-round order (default both)
              --figures <list>     comma-separated subset of persistent,non-persistent,receive,latency (default all)
              --rounds <n>         measure each server n times, alternating the order, report medians (default 1)
              --start-timeout <n>  seconds a server may take to take a JMS send (default 60)
              --artemis-buffer-timeout <ns>  Artemis's journal buffer timeout (default: the disk's sync time,
                                   measured at start as 'artemis create' does; 3333333 is the embedded default)
              --keep               keep the servers' data and logs (the path is printed)
              --help               print this help
            """;

    private static final Set<String> KNOWN = Set.of("seconds", "warmup", "threads", "size", "messages", "rate",
            "servers", "figures", "rounds", "start-timeout", "artemis-buffer-timeout", "keep", "help");

    static JmsSettings parse(String[] args) {
        Map<String, String> options = Options.parse(args);
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        List<String> servers = List.copyOf(new LinkedHashSet<>(List.of(
                options.getOrDefault("servers", String.join(",", SERVERS)).split(","))));
        if (!SERVERS.containsAll(servers)) {
            throw new IllegalArgumentException("--servers takes a subset of " + SERVERS + ", not " + servers);
        }
        Set<String> figures = new LinkedHashSet<>(List.of(
                options.getOrDefault("figures", String.join(",", FIGURES)).split(",")));
        if (!FIGURES.containsAll(figures)) {
            throw new IllegalArgumentException("--figures takes a subset of " + FIGURES + ", not " + figures);
        }
        return new JmsSettings(Duration.ofSeconds(positive(options, "seconds", 15)),
                Duration.ofSeconds(positive(options, "warmup", 5)), positive(options, "threads", 8),
                positive(options, "size", 1024), positive(options, "messages", 50_000),
                positive(options, "rate", 1000), servers, Set.copyOf(figures), positive(options, "rounds", 1),
                options.containsKey("keep"), Duration.ofSeconds(positive(options, "start-timeout", 60)),
                options.containsKey("artemis-buffer-timeout") ? positive(options, "artemis-buffer-timeout", 0) : 0);
    }
}
