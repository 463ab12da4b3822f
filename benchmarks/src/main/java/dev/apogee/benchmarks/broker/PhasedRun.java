package dev.apogee.benchmarks.broker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of a timed figure: load runs unmeasured through the warm-up, then the counters' growth
 * over the measured time (wall clock, and the server's CPU time) is the figure. Failures during the
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
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long okAfter = ok.get();
        long failedAfter = failed.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = server.totalCpuTime().minus(cpuBefore);
        return new Throughput(okAfter - okBefore, failedAfter - failedBefore, elapsed, cpu, firstFailure.get());
    }
}
