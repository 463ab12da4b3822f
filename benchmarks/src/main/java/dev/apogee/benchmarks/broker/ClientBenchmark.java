package dev.apogee.benchmarks.broker;

import dev.apogee.anchors.ChildProcesses;
import dev.apogee.client.producer.Producer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Apogee's producer against the official Apache RocketMQ 5.5.0 producer, with the same load against
 * the same broker in the same run: sync sends from several threads sharing one producer, and async
 * sends with a bounded window. Each broker named by {@code --servers} (Apogee's standalone server,
 * the real Apache broker, or both in turn) is started once; the two clients then take turns on it,
 * {@code --rounds} times, alternating which goes first, and the table shows the medians. Besides the
 * rates it shows what each client costs its own process: CPU milliseconds per thousand sends.
 *
 * <pre>
 *   java -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.apogee.benchmarks.broker.ClientBenchmark \
 *        --servers apogee --seconds 10 --rounds 3
 * </pre>
 */
public final class ClientBenchmark {

    private static final String TOPIC = "BenchClient";

    private ClientBenchmark() {
    }

    /** One client's figures in one round. */
    private record Sample(double syncRate, double syncCpu, double asyncRate, double asyncCpu, long failed,
                          String firstFailure) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ClientBenchmark: " + e.getMessage());
            System.err.print(BenchmarkSettings.USAGE);
            System.exit(2);
            return;
        }
        Path base = Files.createTempDirectory("apogee-client-bench-");
        if (!settings.keep()) {
            ChildProcesses.deleteOnExit(base);
        }
        System.setProperty("rocketmq.client.logRoot", base.resolve("client-logs").toString());
        PrintStream out = System.out;
        out.printf("Client benchmark, %s: %d cores, Java %s, %s, %d s warm-up + %d s measured per figure, %d B bodies,"
                        + " %d sync threads, %d async in flight, %d round(s)%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings.flush(),
                settings.warmUp().toSeconds(), settings.measure().toSeconds(), settings.bodySize(), settings.threads(),
                settings.inFlight(), settings.rounds());
        byte[] body = new byte[settings.bodySize()];
        java.util.Arrays.fill(body, (byte) 'x');
        List<String> summaries = new ArrayList<>();
        for (String which : settings.servers()) {
            Path dir = base.resolve(which);
            ServerUnderTest server = which.equals("apogee") ? ApogeeServer.start(settings, dir)
                    : ApacheServer.start(settings, dir);
            try (Clients clients = new Clients(server, settings)) {
                clients.createTopics(List.of(TOPIC), settings.startTimeout());
                List<Sample> official = new ArrayList<>();
                List<Sample> apogee = new ArrayList<>();
                for (int round = 0; round < settings.rounds(); round++) {
                    boolean officialFirst = round % 2 == 0;
                    for (int turn = 0; turn < 2; turn++) {
                        boolean isOfficial = (turn == 0) == officialFirst;
                        try (BenchProducer producer = isOfficial
                                ? BenchProducer.official(clients.producer("bench-client-official-" + round))
                                : BenchProducer.apogee(apogeeProducer(server, settings, round))) {
                            Sample sample = measure(producer, settings, body);
                            out.printf("[%s broker] round %d, %s client: sync %,.0f msg/s (%.1f ms CPU per 1k), async"
                                            + " %,.0f msg/s (%.1f ms CPU per 1k)%s%n", server.name(), round + 1,
                                    producer.name(), sample.syncRate(), sample.syncCpu(), sample.asyncRate(),
                                    sample.asyncCpu(), sample.failed() == 0 ? ""
                                            : "; " + sample.failed() + " failed, first: " + sample.firstFailure());
                            (isOfficial ? official : apogee).add(sample);
                        }
                    }
                }
                summaries.add(table(server.name(), official, apogee));
            } finally {
                server.close();
            }
        }
        out.println();
        summaries.forEach(out::print);
        if (!settings.keep()) {
            ChildProcesses.deleteTree(base);
            ChildProcesses.forget(base);
        }
    }

    private static Producer apogeeProducer(ServerUnderTest server, BenchmarkSettings settings, int round) {
        return Producer.builder().nameServers(server.nameServer()).group("bench-client-apogee-" + round)
                .sendTimeout(Duration.ofSeconds(10))
                .compression(Integer.MAX_VALUE, 5)
                // The official producer has no in-flight bound of its own; the benchmark's window is the bound.
                .backPressure(Math.max(settings.inFlight() * 2, 1), Duration.ofSeconds(10))
                .defaultTopicQueueNums(settings.queues())
                .build();
    }

    private static Sample measure(BenchProducer producer, BenchmarkSettings settings, byte[] body)
            throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        double[] sync = syncSends(producer, settings, body, failed, firstFailure);
        double[] async = asyncSends(producer, settings, body, failed, firstFailure);
        return new Sample(sync[0], sync[1], async[0], async[1], failed.get(), firstFailure.get());
    }

    /** {msg/s, client CPU ms per 1k} of {@code threads} threads sending and waiting in a loop. */
    private static double[] syncSends(BenchProducer producer, BenchmarkSettings settings, byte[] body,
                                      AtomicLong failed, AtomicReference<String> firstFailure)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        PhasedRun run = new PhasedRun();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            Thread sender = new Thread(() -> {
                while (run.running()) {
                    try {
                        if (producer.send(TOPIC, body)) {
                            ok.incrementAndGet();
                        } else {
                            fail(failed, firstFailure, "not SEND_OK");
                        }
                    } catch (Exception e) {
                        fail(failed, firstFailure, e.toString());
                    }
                }
            }, "bench-client-sync-" + t);
            senders.add(sender);
            sender.start();
        }
        try {
            return window(settings, ok);
        } finally {
            run.stop();
            for (Thread sender : senders) {
                sender.join();
            }
        }
    }

    /** {msg/s, client CPU ms per 1k} of one thread keeping {@code inFlight} async sends unanswered. */
    private static double[] asyncSends(BenchProducer producer, BenchmarkSettings settings, byte[] body,
                                       AtomicLong failed, AtomicReference<String> firstFailure)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        Semaphore window = new Semaphore(settings.inFlight());
        PhasedRun run = new PhasedRun();
        Thread sender = new Thread(() -> {
            while (run.running()) {
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                producer.sendAsync(TOPIC, body).whenComplete((stored, error) -> {
                    if (error == null && stored) {
                        ok.incrementAndGet();
                    } else {
                        fail(failed, firstFailure, error == null ? "not SEND_OK" : error.toString());
                    }
                    window.release();
                });
            }
        }, "bench-client-async");
        sender.start();
        try {
            return window(settings, ok);
        } finally {
            run.stop();
            sender.join();
            if (!window.tryAcquire(settings.inFlight(), 30, TimeUnit.SECONDS)) {
                System.err.println("  warning: async sends still unanswered after 30 s");
            }
        }
    }

    /** Waits out the warm-up, then measures the growth of {@code ok} and of this process's CPU time. */
    private static double[] window(BenchmarkSettings settings, AtomicLong ok) throws InterruptedException {
        Thread.sleep(settings.warmUp().toMillis());
        long okBefore = ok.get();
        Duration cpuBefore = ownCpu();
        long start = System.nanoTime();
        Thread.sleep(settings.measure().toMillis());
        long count = ok.get() - okBefore;
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = ownCpu().minus(cpuBefore).toNanos() / 1e6;
        return new double[] {count / seconds, count == 0 ? Double.NaN : cpuMillis / (count / 1000.0)};
    }

    private static void fail(AtomicLong failed, AtomicReference<String> firstFailure, String why) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, why);
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String table(String broker, List<Sample> official, List<Sample> apogee) {
        ReportTable table = new ReportTable();
        Map<String, List<Sample>> clients = Map.of("official", official, "Apogee", apogee);
        clients.forEach((client, samples) -> {
            for (Sample sample : samples) {
                table.put("sync send msg/s", "%,.0f", ReportTable.Better.HIGHER, client, sample.syncRate());
                table.put("  client CPU ms per 1k sync sends", "%.1f", ReportTable.Better.LOWER, client,
                        sample.syncCpu());
                table.put("async send msg/s", "%,.0f", ReportTable.Better.HIGHER, client, sample.asyncRate());
                table.put("  client CPU ms per 1k async sends", "%.1f", ReportTable.Better.LOWER, client,
                        sample.asyncCpu());
            }
        });
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        PrintStream printer = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8);
        printer.printf("Against the %s broker, medians of %d round(s):%n", broker, official.size());
        table.print(printer, "Apogee", "official");
        printer.println();
        return text.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
