package dev.apogee.benchmarks.jms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * ActiveMQ Artemis embedded in a JVM of its own, the JMS benchmark's anchor:
 * {@code ArtemisMain <dataDir> <port> [journalBufferTimeoutNanos]}. Persistence on, the NIO journal with
 * {@code journal-datasync} (every durable send and acknowledgement is forced to disk before it is answered,
 * several group-committed per force), security off, one core-protocol acceptor on 127.0.0.1. Without a
 * buffer timeout the disk's sync time is measured first, as {@code artemis create} does.
 *
 * <p>Prints {@value #READY} and the settings once it takes connections; stops when its standard input
 * closes (the benchmark went away) or on SIGTERM.
 */
public final class ArtemisMain {

    static final String READY = "artemis-main: ready";

    private ArtemisMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: ArtemisMain <dataDir> <port> [journalBufferTimeoutNanos]");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long bufferTimeout = args.length == 3 ? Long.parseLong(args[2])
                : SyncWriteCalibration.nanosPerSyncWrite(data.resolve("journal"));

        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("artemis-bench");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDatasync(true);
        config.setJournalSyncTransactional(true);
        config.setJournalSyncNonTransactional(true);
        config.setJournalBufferTimeout_NIO((int) Math.min(Integer.MAX_VALUE, bufferTimeout));
        config.setJournalDirectory(data.resolve("journal").toString());
        config.setBindingsDirectory(data.resolve("bindings").toString());
        config.setPagingDirectory(data.resolve("paging").toString());
        config.setLargeMessagesDirectory(data.resolve("large-messages").toString());
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        // No refusal of sends when the disk is fuller than 90 %: a shared test disk should not decide a figure.
        config.setMaxDiskUsage(-1);
        config.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE");

        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    server.stop();
                } catch (Exception e) {
                    System.err.println("artemis-main: stopping failed: " + e);
                } finally {
                    done.countDown();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            awaitQuietly(done);
        }, "artemis-main-stop"));
        server.start();
        System.out.printf("%s on tcp://127.0.0.1:%d (journal %s, datasync %s, buffer timeout %d ns, heap max %d MiB)%n",
                READY, port, config.getJournalType(), config.isJournalDatasync(), config.getJournalBufferTimeout_NIO(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.flush();
        drain(System.in);
        System.out.println("artemis-main: standard input closed, stopping");
        stop.run();
        System.exit(0);
    }

    /** Reads until end of input: returns when the parent closes the pipe or dies. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Nothing is said on standard input; it only tells that the parent is still there.
            }
        } catch (IOException e) {
            // A broken pipe means the same as its end.
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
