package dev.apogee.benchmarks.broker;

import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.BrokerView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Every figure for one server, in a fixed order: topics first, then sync sends, async sends,
 * end-to-end latency, catch-up, and the server's memory at the end. Each figure's line is printed as
 * soon as it is known, so a long run shows progress.
 */
final class ServerRun {

    private static final String THROUGHPUT_TOPIC = "BenchThroughput";
    private static final String LATENCY_TOPIC = "BenchLatency";
    private static final String BACKLOG_TOPIC = "BenchBacklog";
    private static final String WARM_UP_BACKLOG_TOPIC = "BenchBacklogWarmUp";

    private final BenchmarkSettings settings;
    private final ReportTable table;
    private final PrintStream out;

    ServerRun(BenchmarkSettings settings, ReportTable table, PrintStream out) {
        this.settings = settings;
        this.table = table;
        this.out = out;
    }

    void measure(ServerUnderTest server) throws Exception {
        String name = server.name();
        Payloads payloads = new Payloads(settings.bodySize());
        try (Clients clients = new Clients(server, settings)) {
            long starting = System.nanoTime();
            Map<String, Integer> topics = clients.createTopics(List.of(THROUGHPUT_TOPIC, LATENCY_TOPIC, BACKLOG_TOPIC,
                    WARM_UP_BACKLOG_TOPIC), settings.startTimeout());
            int queues = topics.get(THROUGHPUT_TOPIC);
            out.printf("[%s] accepts sends after %.1f s; queues per topic: %s%n", name,
                    (System.nanoTime() - starting) / 1e9, topics);
            if (topics.values().stream().anyMatch(q -> q != settings.queues())) {
                out.printf("[%s] warning: asked for %d queues per topic, got %s%n", name, settings.queues(),
                        topics.values());
            }
            // Created after the topics, so that its first send to each fetches the topic's own route.
            DefaultMQProducer producer = clients.producer("bench-producer");
            table.put("queues per topic (asked " + settings.queues() + ")", "%.0f", ReportTable.Better.NEITHER,
                    name, queues);

            if (settings.figures().contains("sync")) {
                syncSends(server, producer, payloads);
            }
            if (settings.figures().contains("async")) {
                asyncSends(server, producer, payloads);
            }
            if (settings.figures().contains("latency")) {
                latency(server, clients, producer, payloads);
            }
            if (settings.figures().contains("catch-up")) {
                catchUp(server, clients, producer, payloads);
            }
        }
        memory(server);
    }

    private void syncSends(ServerUnderTest server, DefaultMQProducer producer, Payloads payloads) throws Exception {
        String name = server.name();
        Throughput sync = new SyncSendLoad(producer, THROUGHPUT_TOPIC, payloads, settings.threads())
                .run(server, settings.warmUp(), settings.measure());
        out.printf("[%s] sync send, %d threads: %s%n", name, settings.threads(), sync.describe());
        table.put("sync send msg/s (" + settings.threads() + " threads)", "%,.0f", ReportTable.Better.HIGHER,
                name, sync.perSecond());
        table.put("  server CPU ms per 1k sync sends", "%.1f", ReportTable.Better.LOWER, name,
                sync.serverCpuMillisPerThousand());
        table.put("send failures (sync)", "%,.0f", ReportTable.Better.NEITHER, name, sync.failed());
        server.checkAlive();
    }

    private void asyncSends(ServerUnderTest server, DefaultMQProducer producer, Payloads payloads) throws Exception {
        String name = server.name();
        Throughput async = new AsyncSendLoad(producer, settings.inFlight())
                .run(server, () -> payloads.message(THROUGHPUT_TOPIC), settings.warmUp(), settings.measure());
        out.printf("[%s] async send, %d in flight: %s%n", name, settings.inFlight(), async.describe());
        table.put("async send msg/s (" + settings.inFlight() + " in flight)", "%,.0f", ReportTable.Better.HIGHER,
                name, async.perSecond());
        table.put("  server CPU ms per 1k async sends", "%.1f", ReportTable.Better.LOWER, name,
                async.serverCpuMillisPerThousand());
        table.put("send failures (async)", "%,.0f", ReportTable.Better.NEITHER, name, async.failed());
        server.checkAlive();
    }

    private void latency(ServerUnderTest server, Clients clients, DefaultMQProducer producer, Payloads payloads)
            throws Exception {
        String name = server.name();
        EndToEndLatencyLoad.Result latency = new EndToEndLatencyLoad(clients, producer, LATENCY_TOPIC, payloads,
                settings.rate()).run(settings.warmUp(), settings.measure());
        out.printf("[%s] end-to-end latency at %,d msg/s: %s%n", name, settings.rate(), latency.describe());
        String at = " at " + settings.rate() + " msg/s";
        table.put("e2e latency p50 ms" + at, "%.2f", ReportTable.Better.LOWER, name, latency.latency().p50());
        table.put("e2e latency p99 ms" + at, "%.2f", ReportTable.Better.LOWER, name, latency.latency().p99());
        table.put("e2e latency p99.9 ms" + at, "%.2f", ReportTable.Better.LOWER, name, latency.latency().p999());
        table.put("e2e messages never received (20 s drain)", "%,.0f", ReportTable.Better.NEITHER, name,
                latency.sent() - latency.received());
        server.checkAlive();
    }

    private void catchUp(ServerUnderTest server, Clients clients, DefaultMQProducer producer, Payloads payloads)
            throws Exception {
        String name = server.name();
        if (!settings.warmUp().isZero()) {
            // The benchmark's JVM runs both servers' clients: without this, whichever server goes first pays
            // for compiling the consumer's decode path (a fifth slower in the first round of a test run).
            CatchUpLoad.Result warmUp = new CatchUpLoad(clients, producer, WARM_UP_BACKLOG_TOPIC, payloads,
                    settings.inFlight()).run(server, Math.max(10_000, settings.backlog() / 10));
            out.printf("[%s] catch-up warm-up, not measured: %s%n", name, warmUp.catchUp().describe());
        }
        CatchUpLoad.Result catchUp = new CatchUpLoad(clients, producer, BACKLOG_TOPIC, payloads,
                settings.inFlight()).run(server, settings.backlog());
        out.printf("[%s] backlog of %,d sent: %s%n", name, settings.backlog(), catchUp.backlog().describe());
        out.printf("[%s] catch-up from the first offset: %s; first message after %d ms, then %,.0f msg/s;"
                        + " client CPU %.1f ms per 1k%n", name, catchUp.catchUp().describe(),
                catchUp.firstMessage().toMillis(), catchUp.drainPerSecond(), catchUp.clientCpuMillisPerThousand());
        out.printf("[%s] catch-up pulls: %,d (%.1f messages each); answers by response code: %s%n", name,
                catchUp.pulls(), catchUp.messagesPerPull(), catchUp.pullAnswers());
        table.put("catch-up msg/s (" + settings.backlog() / 1000 + "k backlog)", "%,.0f",
                ReportTable.Better.HIGHER, name, catchUp.catchUp().perSecond());
        table.put("  after the first message, msg/s", "%,.0f", ReportTable.Better.HIGHER, name,
                catchUp.drainPerSecond());
        table.put("  server CPU ms per 1k consumed", "%.1f", ReportTable.Better.LOWER, name,
                catchUp.catchUp().serverCpuMillisPerThousand());
        table.put("  client CPU ms per 1k consumed", "%.1f", ReportTable.Better.NEITHER, name,
                catchUp.clientCpuMillisPerThousand());
        table.put("  messages per pull", "%.1f", ReportTable.Better.NEITHER, name, catchUp.messagesPerPull());
        server.checkAlive();
    }

    private void memory(ServerUnderTest server) {
        String name = server.name();
        // Memory once the clients are gone, as the broker holds it after the whole run.
        report(server, "broker RSS MiB at end", server.broker().residentKiB());
        report(server, "  of which anonymous (heap, direct, native)", server.broker().residentAnonymousKiB());
        report(server, "  of which file-backed (mapped store files)", server.broker().residentFileKiB());
        report(server, "broker peak RSS MiB", server.broker().peakResidentKiB());
        report(server, "all server processes RSS MiB at end", server.totalResidentKiB());
        // The file-backed part is page cache of what the broker wrote, so it grows with the messages
        // stored: a broker that took more sends in the same seconds holds more. Per GiB stored, the
        // two are compared on the same footing.
        OptionalLong stored = storedBytes(server);
        OptionalLong file = server.broker().residentFileKiB();
        if (stored.isPresent() && stored.getAsLong() > 0) {
            double storedMiB = stored.getAsLong() / (1024.0 * 1024);
            out.printf("[%s] commit log holds %,.0f MiB%n", name, storedMiB);
            table.put("commit log MiB stored in the run", "%,.0f", ReportTable.Better.NEITHER, name, storedMiB);
            if (file.isPresent()) {
                table.put("  file-backed RSS MiB per GiB stored", "%,.0f", ReportTable.Better.LOWER, name,
                        file.getAsLong() / 1024.0 / (storedMiB / 1024));
            }
        }
        Duration cpu = server.totalCpuTime();
        out.printf("[%s] server CPU for the whole run: %.1f s%n", name, cpu.toNanos() / 1e9);
    }

    /** The broker's commit-log bytes, from its runtime info (the same key on both brokers). */
    private OptionalLong storedBytes(ServerUnderTest server) {
        try (AdminClient admin = AdminClient.builder().nameServers(server.nameServer()).build()) {
            OptionalLong total = OptionalLong.empty();
            for (BrokerView broker : admin.clusters().brokers()) {
                OptionalLong bytes = admin.clusters().runtimeStats(broker.address()).commitLogBytes();
                if (bytes.isPresent()) {
                    total = OptionalLong.of(total.orElse(0) + bytes.getAsLong());
                }
            }
            return total;
        } catch (RuntimeException e) {
            out.printf("[%s] cannot read the commit log's size: %s%n", server.name(), e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void report(ServerUnderTest server, String figure, OptionalLong kib) {
        if (kib.isPresent()) {
            out.printf("[%s] %s: %,.0f%n", server.name(), figure, kib.getAsLong() / 1024.0);
            table.put(figure, "%,.0f", ReportTable.Better.LOWER, server.name(), kib.getAsLong() / 1024.0);
        }
    }
}
