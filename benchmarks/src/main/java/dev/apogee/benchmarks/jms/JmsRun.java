package dev.apogee.benchmarks.jms;

import dev.apogee.benchmarks.broker.ReportTable;
import dev.apogee.benchmarks.broker.ReportTable.Better;
import dev.apogee.benchmarks.broker.Throughput;
import jakarta.jms.DeliveryMode;
import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every figure for one server, each on a queue no earlier figure or round used. A figure's line is printed
 * as soon as it is known; its values go into the shared table.
 *
 * <p>The order is fixed: end-to-end latency, receive on a backlog, persistent sends, non-persistent sends.
 * The first two consume what they send; the send figures have no consumer and leave every message they
 * sent on their queue (Artemis holds such messages in its heap until it pages them out, Apogee in its
 * store), so they come last and weigh on no figure that consumes.
 */
final class JmsRun {

    private final JmsSettings settings;
    private final ReportTable table;
    private final PrintStream out;

    JmsRun(JmsSettings settings, ReportTable table, PrintStream out) {
        this.settings = settings;
        this.table = table;
        this.out = out;
    }

    void measure(JmsServer server, int round) throws Exception {
        if (settings.figures().contains("latency")) {
            latency(server, round);
        }
        if (settings.figures().contains("receive")) {
            receive(server, round);
        }
        if (settings.figures().contains("persistent")) {
            sends(server, round, DeliveryMode.PERSISTENT, "persistent");
        }
        if (settings.figures().contains("non-persistent")) {
            sends(server, round, DeliveryMode.NON_PERSISTENT, "non-persistent");
        }
        out.printf("[%s] server CPU for the whole run: %.1f s%n", server.name(),
                server.server().totalCpuTime().toNanos() / 1e9);
    }

    private void sends(JmsServer server, int round, int mode, String label) throws Exception {
        String name = server.name();
        Throughput sends = new SendLoad(server.factory(), queue(label, round), mode, settings.threads(),
                settings.bodySize()).run(server.server(), settings.warmUp(), settings.measure());
        out.printf("[%s] %s send, %d threads: %s%n", name, label, settings.threads(), sends.describe());
        table.put(label + " send msg/s (" + settings.threads() + " threads)", "%,.0f", Better.HIGHER, name,
                sends.perSecond());
        table.put("  server CPU ms per 1k " + label + " sends", "%.2f", Better.LOWER, name,
                sends.serverCpuMillisPerThousand());
        // The provider is the product as much as the server is: what a send costs the sending process counts.
        table.put("  provider CPU ms per 1k " + label + " sends", "%.2f", Better.LOWER, name,
                sends.clientCpuMillisPerThousand());
        table.put("  " + label + " send failures", "%,.0f", Better.NEITHER, name, sends.failed());
        server.server().checkAlive();
    }

    private void receive(JmsServer server, int round) throws Exception {
        String name = server.name();
        if (!settings.warmUp().isZero()) {
            // As the timed figures warm up before they measure: without it the server measured first in a
            // run paid for compiling its client's receive path (0.73 in every such round, 1.0-1.5 in the others).
            // A tenth of the backlog was still too little: the first round's first server measured 0.72 again
            // with a 3,000-message warm-up, as the drain itself lasts only about half a second.
            int warmUpBacklog = Math.max(5_000, settings.backlog() / 2);
            BacklogDrain.Result warmUp = new BacklogDrain(server.factory(), queue("backlog-warm-up", round),
                    settings.threads(), settings.bodySize()).run(server.server(), warmUpBacklog);
            out.printf("[%s] receive warm-up, not measured: %s%n", name, warmUp.drain().describe());
        }
        BacklogDrain.Result result = new BacklogDrain(server.factory(), queue("backlog", round), settings.threads(),
                settings.bodySize()).run(server.server(), settings.backlog());
        Throughput drain = result.drain();
        out.printf("[%s] backlog of %,d filled in %.1f s (%,.0f msg/s); %d consumers: first message after %d ms,"
                        + " then %s%n", name, settings.backlog(), result.fill().toNanos() / 1e9,
                settings.backlog() / (result.fill().toNanos() / 1e9), settings.threads(),
                result.firstWait().toMillis(), drain.describe());
        String backlog = settings.backlog() % 1000 == 0 ? settings.backlog() / 1000 + "k" : settings.backlog() + "";
        table.put("receive msg/s, " + backlog + " backlog (" + settings.threads() + " consumers)", "%,.0f",
                Better.HIGHER, name, drain.perSecond());
        table.put("  first message after ms", "%,.0f", Better.LOWER, name, result.firstWait().toMillis());
        table.put("  server CPU ms per 1k received", "%.2f", Better.LOWER, name, drain.serverCpuMillisPerThousand());
        table.put("  backlog messages not received", "%,.0f", Better.NEITHER, name, drain.failed());
        server.server().checkAlive();
    }

    private void latency(JmsServer server, int round) throws Exception {
        String name = server.name();
        LatencyLoad.Result result = new LatencyLoad(server.factory(), queue("latency", round), settings.rate(),
                settings.bodySize()).run(settings.warmUp(), settings.measure());
        out.printf("[%s] end-to-end latency at %,d msg/s: %s%n", name, settings.rate(), result.describe());
        String at = " at " + settings.rate() + " msg/s";
        table.put("e2e latency p50 ms" + at, "%.3f", Better.LOWER, name, result.latency().p50());
        table.put("e2e latency p99 ms" + at, "%.3f", Better.LOWER, name, result.latency().p99());
        table.put("  msg/s the producer managed", "%,.0f", Better.NEITHER, name, result.sentPerSecond());
        table.put("  latency messages not received", "%,.0f", Better.NEITHER, name, result.sent() - result.received());
        server.server().checkAlive();
    }

    /** A queue name no other figure, round or earlier run uses. */
    private static String queue(String figure, int round) {
        return "jmsbench-" + figure + "-r" + (round + 1) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    }
}
