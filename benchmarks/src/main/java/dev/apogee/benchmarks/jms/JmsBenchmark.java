package dev.apogee.benchmarks.jms;

import dev.apogee.anchors.ChildProcess;
import dev.apogee.anchors.ChildProcesses;
import dev.apogee.benchmarks.Options;
import dev.apogee.benchmarks.broker.ReportTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apogee's JMS provider against ActiveMQ Artemis 2.38.0, in one run on one machine, with the same JMS code:
 * only the {@code ConnectionFactory} differs. Both servers run in child JVMs with the same heap, one after
 * the other, never together, on 127.0.0.1, both forcing every persistent message to disk before a send is
 * answered (Apogee SYNC_FLUSH, Artemis journal-datasync), both group-committing those forces.
 *
 * <pre>
 *   java -Xmx1g -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.apogee.benchmarks.jms.JmsBenchmark \
 *        --seconds 15 --rounds 3
 * </pre>
 */
public final class JmsBenchmark {

    private JmsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JmsSettings settings;
        try {
            settings = JmsSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("JmsBenchmark: " + e.getMessage());
            System.err.print(JmsSettings.USAGE);
            System.exit(2);
            return;
        }
        if (List.of(args).contains("--help")) {
            System.out.print(JmsSettings.USAGE);
            return;
        }
        Path base = Files.createTempDirectory("apogee-jms-bench-");
        if (!settings.keep()) {
            ChildProcesses.deleteOnExit(base);
        }
        PrintStream out = System.out;
        out.printf("JMS benchmark, %s: %d cores, Java %s, %d s warm-up + %d s measured per timed figure, %d B"
                        + " BytesMessages, %d threads%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), settings.warmUp().toSeconds(), settings.measure().toSeconds(),
                settings.bodySize(), settings.threads());
        out.printf("Work directory %s%s%n", base, settings.keep() ? " (kept)" : "");

        ReportTable table = new ReportTable();
        Map<String, String> descriptions = new LinkedHashMap<>();
        JmsRun run = new JmsRun(settings, table, out);
        for (int round = 0; round < settings.rounds(); round++) {
            List<String> order = Options.roundOrder(settings.servers(), round);
            if (settings.rounds() > 1) {
                out.printf("Round %d of %d: %s%n", round + 1, settings.rounds(), order);
            }
            for (String which : order) {
                runServer(settings, base.resolve(which + "-" + (round + 1)), which, round, run, descriptions, out);
            }
        }

        out.println();
        out.printf("%d cores, %d B BytesMessages, %d threads, %d s measured per timed figure%s%n",
                Runtime.getRuntime().availableProcessors(), settings.bodySize(), settings.threads(),
                settings.measure().toSeconds(), settings.rounds() > 1 ? ", " + settings.rounds() + " rounds" : "");
        descriptions.forEach((server, description) -> out.printf("%s: %s%n", server, description));
        table.print(out, "Apogee", "Artemis");
        if (!settings.keep()) {
            ChildProcesses.deleteTree(base);
            ChildProcesses.forget(base);
        }
    }

    private static void runServer(JmsSettings settings, Path dir, String which, int round, JmsRun run,
                                  Map<String, String> descriptions, PrintStream out) throws Exception {
        long starting = System.nanoTime();
        try (JmsServer server = JmsServer.start(which, settings, dir)) {
            out.printf("[%s] takes JMS sends after %.1f s: %s%n", server.name(), (System.nanoTime() - starting) / 1e9,
                    server.description());
            descriptions.put(server.name(), server.description());
            try {
                run.measure(server, round);
            } catch (Exception e) {
                for (ChildProcess process : server.server().processes()) {
                    out.printf("[%s] %s %s; its last output:%n%s%n", server.name(), process.name(),
                            process.exitDescription(), process.logTail(30));
                }
                throw e;
            }
        }
    }
}
