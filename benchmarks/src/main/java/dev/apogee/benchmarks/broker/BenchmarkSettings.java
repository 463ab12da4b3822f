package dev.apogee.benchmarks.broker;

import static dev.apogee.benchmarks.Options.positive;

import dev.apogee.benchmarks.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the broker benchmark does; every server in the run gets the same settings.
 *
 * @param flush        ASYNC_FLUSH or SYNC_FLUSH, given to both servers
 * @param measure      measured time of each timed figure
 * @param warmUp       unmeasured time before each timed figure (JIT, page faults, connections)
 * @param threads      producer threads of the sync send figure
 * @param inFlight     async sends in flight at most
 * @param rate         messages per second of the latency figure
 * @param backlog      messages sent before the catch-up figure
 * @param bodySize     bytes per message body
 * @param queues       queues asked for per topic
 * @param servers      which servers to run, in order ("apogee", "apache")
 * @param startTimeout how long a server may take until a producer can send to it
 * @param keep         keep the servers' data and log directory
 * @param apacheLib    the Apache servers' jars; null: where the anchors build copied them
 * @param figures      which figures to measure (sync, async, latency, catch-up); memory always
 * @param rounds       how many times each server (or client) is measured; figures are the medians
 */
record BenchmarkSettings(String flush, Duration measure, Duration warmUp, int threads, int inFlight, int rate,
                         int backlog, int bodySize, int queues, List<String> servers, Duration startTimeout,
                         boolean keep, Path apacheLib, Set<String> figures, int rounds) {

    static final List<String> FIGURES = List.of("sync", "async", "latency", "catch-up");

    static final String USAGE = """
            Usage: BrokerBenchmark [options]
              --flush <ASYNC_FLUSH|SYNC_FLUSH>  flush mode of both servers (default ASYNC_FLUSH)
              --seconds <n>        measured seconds per timed figure (default 15)
              --warmup <n>         warm-up seconds before each timed figure (default 5)
              --threads <n>        producer threads for sync sends (default 8)
              --inflight <n>       async sends in flight (default 1024)
              --rate <n>           messages/s for the latency figure (default 2000)
              --messages <n>       backlog for the catch-up figure (default 200000)
              --size <bytes>       message body size (default 1024)
              --queues <n>         queues per topic asked for (default 8)
              --servers <list>     comma-separated, run in this order (default apogee,apache)
              --start-timeout <n>  seconds a server may take to accept sends (default 60)
              --keep               keep the servers' data and logs (the path is printed)
              --figures <list>     comma-separated subset of sync,async,latency,catch-up (default all)
              --apache-lib <dir>   the Apache servers' jars (default: where the anchors build copied them)
              --rounds <n>         measure each side n times, alternating, and report medians (default 1)
            """;

    private static final Set<String> KNOWN = Set.of("flush", "seconds", "warmup", "threads", "inflight", "rate",
            "messages", "size", "queues", "servers", "start-timeout", "keep", "apache-lib", "figures", "rounds", "help");

    static BenchmarkSettings parse(String[] args) {
        Map<String, String> options = Options.parse(args);
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String flush = options.getOrDefault("flush", "ASYNC_FLUSH").toUpperCase(Locale.ROOT);
        if (!flush.equals("ASYNC_FLUSH") && !flush.equals("SYNC_FLUSH")) {
            throw new IllegalArgumentException("--flush must be ASYNC_FLUSH or SYNC_FLUSH, not " + flush);
        }
        List<String> servers = List.of(options.getOrDefault("servers", "apogee,apache").split(","));
        for (String server : servers) {
            if (!server.equals("apogee") && !server.equals("apache")) {
                throw new IllegalArgumentException("--servers takes apogee and/or apache, not " + server);
            }
        }
        Set<String> figures = new LinkedHashSet<>(List.of(options.getOrDefault("figures",
                String.join(",", FIGURES)).split(",")));
        if (!FIGURES.containsAll(figures)) {
            throw new IllegalArgumentException("--figures takes a subset of " + FIGURES + ", not " + figures);
        }
        return new BenchmarkSettings(flush, Duration.ofSeconds(positive(options, "seconds", 15)),
                Duration.ofSeconds(positive(options, "warmup", 5)), positive(options, "threads", 8),
                positive(options, "inflight", 1024), positive(options, "rate", 2000),
                positive(options, "messages", 200_000), positive(options, "size", 1024),
                positive(options, "queues", 8), servers, Duration.ofSeconds(positive(options, "start-timeout", 60)),
                options.containsKey("keep"),
                options.containsKey("apache-lib") ? Path.of(options.get("apache-lib")) : null, Set.copyOf(figures),
                positive(options, "rounds", 1));
    }
}
