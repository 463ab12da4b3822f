package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of a timed figure: load runs unmeasured through the warm-up, then the counters' growth
 * over the measured time (wall clock, the server's CPU time, and the CPU time of this process, where
 * the clients run) is the figure. Failures during the
 * warm-up are not counted, so that connection set-up does not show up as a failed send.
 */
public final class PhasedRun {

    private volatile boolean running = true;

    public boolean running() {
        return running;
    }

    public void stop() {
        running = false;
    }

    public Throughput measure(ServerUnderTest server, Duration warmUp, Duration measure, AtomicLong ok, AtomicLong failed,
                       AtomicReference<String> firstFailure) throws InterruptedException {
        Thread.sleep(warmUp.toMillis());
        long okBefore = ok.get();
        long failedBefore = failed.get();
        firstFailure.set(null);
        Duration cpuBefore = server.totalCpuTime();
        Duration clientCpuBefore = ownCpuTime();
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long okAfter = ok.get();
        long failedAfter = failed.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = server.totalCpuTime().minus(cpuBefore);
        Duration clientCpu = ownCpuTime().minus(clientCpuBefore);
        return new Throughput(okAfter - okBefore, failedAfter - failedBefore, elapsed, cpu, firstFailure.get(),
                clientCpu);
    }

    /** CPU time this process (the benchmark's clients) has used so far. */
    static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
