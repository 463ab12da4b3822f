package dev.apogee.benchmarks.broker;

import dev.apogee.anchors.ChildProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A server started for one part of a benchmark run (a name server and broker; for the JMS benchmark also
 * ActiveMQ Artemis), stopped by {@link #close()}.
 */
public interface ServerUnderTest extends AutoCloseable {

    /** Short name used in the report: "Apogee", "Apache" or "Artemis". */
    String name();

    /** {@code host:port} clients connect to first: the name server's (Artemis: its acceptor's). */
    String nameServer();

    /** The JVM settings of each process, for the report. */
    String heapDescription();

    /** The process that holds the broker (for Apogee also the name server). */
    ChildProcess broker();

    /** Every process of this server, name server included. */
    List<ChildProcess> processes();

    /** Resident set size of all processes together; empty if any is unknown. */
    default OptionalLong totalResidentKiB() {
        long total = 0;
        for (ChildProcess process : processes()) {
            OptionalLong rss = process.residentKiB();
            if (rss.isEmpty()) {
                return OptionalLong.empty();
            }
            total += rss.getAsLong();
        }
        return OptionalLong.of(total);
    }

    /** CPU time of all processes together. */
    default Duration totalCpuTime() {
        return processes().stream().map(ChildProcess::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** Fails with the server's output if a process has died. */
    default void checkAlive() throws IOException {
        for (ChildProcess process : processes()) {
            if (!process.isAlive()) {
                throw new IOException(process.name() + " " + process.exitDescription() + "; its last output:"
                        + System.lineSeparator() + process.logTail(40));
            }
        }
    }

    /** Stops every process, newest first, and deletes the server's directory unless kept. */
    @Override
    void close();
}
