package dev.apogee.benchmarks.broker;

import dev.apogee.anchors.ChildProcess;
import dev.apogee.anchors.ChildProcesses;
import dev.apogee.benchmarks.Options;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apogee's standalone server against the real Apache RocketMQ 5.5.0 name server and broker, in one
 * run on one machine, driven by the official 5.5.0 client with the same load: sync and async send
 * throughput, end-to-end latency at a fixed rate, consumer catch-up on a backlog, and the servers'
 * memory. The servers run one after the other, never together, each in child JVMs on 127.0.0.1.
 *
 * <pre>
 *   java -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.apogee.benchmarks.broker.BrokerBenchmark \
 *        --flush ASYNC_FLUSH --seconds 15
 * </pre>
 */
public final class BrokerBenchmark {

    private BrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BrokerBenchmark: " + e.getMessage());
            System.err.print(BenchmarkSettings.USAGE);
            System.exit(2);
            return;
        }
        if (args.length > 0 && List.of(args).contains("--help")) {
            System.out.print(BenchmarkSettings.USAGE);
            return;
        }
        Path base = Files.createTempDirectory("apogee-broker-bench-");
        if (!settings.keep()) {
            ChildProcesses.deleteOnExit(base);
        }
        // The official client logs under ${user.home}/logs unless told otherwise: keep it in the run's directory.
        System.setProperty("rocketmq.client.logRoot", base.resolve("client-logs").toString());
        PrintStream out = System.out;
        out.printf("Broker benchmark, %s: %d cores, Java %s, %s, %d s warm-up + %d s measured per figure, %d B"
                        + " bodies%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), settings.flush(), settings.warmUp().toSeconds(),
                settings.measure().toSeconds(), settings.bodySize());
        out.printf("Work directory %s%s%n", base, settings.keep() ? " (kept)" : "");

        ReportTable table = new ReportTable();
        Map<String, String> heaps = new LinkedHashMap<>();
        ServerRun run = new ServerRun(settings, table, out);
        for (int round = 0; round < settings.rounds(); round++) {
            List<String> order = Options.roundOrder(settings.servers(), round);
            if (settings.rounds() > 1) {
                out.printf("Round %d of %d: %s%n", round + 1, settings.rounds(), order);
            }
            for (String which : order) {
                runServer(settings, base.resolve(which + "-" + (round + 1)), which, run, heaps, out);
            }
        }

        out.println();
        out.printf("%s, %d cores, official client 5.5.0, %d B bodies, %d s measured per figure%s%n", settings.flush(),
                Runtime.getRuntime().availableProcessors(), settings.bodySize(), settings.measure().toSeconds(),
                settings.rounds() > 1 ? ", " + settings.rounds() + " rounds" : "");
        heaps.forEach((server, heap) -> out.printf("%s: %s%n", server, heap));
        table.print(out, "Apogee", "Apache");
        if (!settings.keep()) {
            ChildProcesses.deleteTree(base);
            ChildProcesses.forget(base);
        }
    }

    private static void runServer(BenchmarkSettings settings, Path dir, String which, ServerRun run,
                                  Map<String, String> heaps, PrintStream out) throws Exception {
        ServerUnderTest server = which.equals("apogee") ? ApogeeServer.start(settings, dir)
                : ApacheServer.start(settings, dir);
        out.printf("[%s] started (%s), name server %s%n", server.name(), server.heapDescription(),
                server.nameServer());
        heaps.put(server.name(), server.heapDescription());
        try {
            run.measure(server);
        } catch (Exception e) {
            for (ChildProcess process : server.processes()) {
                out.printf("[%s] %s %s; its last output:%n%s%n", server.name(), process.name(),
                        process.exitDescription(), process.logTail(30));
            }
            throw e;
        } finally {
            server.close();
        }
    }
}
