package dev.apogee.benchmarks.broker;

import java.time.Duration;

/**
 * What a timed figure measured: messages acknowledged (or consumed) in the measured time, failures,
 * the first failure's text, and the CPU the server's processes used in that time.
 */
public record Throughput(long ok, long failed, Duration elapsed, Duration serverCpu, String firstFailure,
                         Duration clientCpu) {

    /** A figure whose clients' CPU was not measured. */
    public Throughput(long ok, long failed, Duration elapsed, Duration serverCpu, String firstFailure) {
        this(ok, failed, elapsed, serverCpu, firstFailure, null);
    }

    /** CPU milliseconds of the benchmark's own process (the clients) per thousand messages, NaN if not measured. */
    public double clientCpuMillisPerThousand() {
        return ok == 0 || clientCpu == null ? Double.NaN : clientCpu.toNanos() / 1e6 / (ok / 1000.0);
    }

    public double perSecond() {
        return ok / (elapsed.toNanos() / 1e9);
    }

    /** Server CPU milliseconds per thousand messages: what a message costs the server. */
    public double serverCpuMillisPerThousand() {
        return ok == 0 ? Double.NaN : serverCpu.toNanos() / 1e6 / (ok / 1000.0);
    }

    public String describe() {
        return String.format("%,.0f msg/s (%,d ok, %,d failed in %.1f s; server CPU %.1f s)%s", perSecond(), ok, failed,
                elapsed.toNanos() / 1e9, serverCpu.toNanos() / 1e9,
                firstFailure == null ? "" : "; first failure: " + firstFailure);
    }
}
