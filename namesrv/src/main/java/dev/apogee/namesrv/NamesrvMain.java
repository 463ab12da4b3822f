package dev.apogee.namesrv;

import dev.apogee.namesrv.kv.KvStoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts a name server from the command line and runs it until the JVM is told to stop (SIGTERM,
 * SIGINT): a shutdown hook then stops it cleanly, answering requests in progress and closing the
 * KV database.
 *
 * <p>Exit codes: 0 after {@code --help}, 1 when the server cannot start, 2 for a bad command line.
 */
public final class NamesrvMain {

    /** Exit code of a command line that cannot be understood. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the server cannot start (port taken, data directory locked, ...). */
    public static final int EXIT_START_FAILED = 1;

    private static final Logger LOG = LogManager.getLogger(NamesrvMain.class);

    private NamesrvMain() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit >= 0) {
            System.exit(exit);
        }
    }

    /**
     * Runs the command line. Returns an exit code when the process should end now, or -1 once the
     * server runs; it then runs until the JVM shuts down.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        NamesrvArguments arguments;
        try {
            arguments = NamesrvArguments.parse(args);
        } catch (NamesrvArguments.UsageException e) {
            err.println("apogee-namesrv: " + e.getMessage());
            err.print(NamesrvArguments.USAGE);
            return EXIT_USAGE;
        }
        if (arguments.help()) {
            out.print(NamesrvArguments.USAGE);
            return 0;
        }
        NamesrvServer server = new NamesrvServer(arguments.config());
        try {
            server.start();
        } catch (IOException | KvStoreException e) {
            LOG.error("Name server failed to start", e);
            err.println("apogee-namesrv: cannot start: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested");
            server.stop();
            stopped.countDown();
            // Flush the last log lines ourselves; the logging backend's own hook may not run after ours.
            LogManager.shutdown();
        }, "namesrv-shutdown"));
        out.println("apogee-namesrv listening on " + arguments.config().bindAddress() + ":" + server.port());
        // Keep a non-daemon thread alive until the hook has run: the server's own threads are daemons.
        Thread keeper = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "namesrv-main");
        keeper.start();
        return -1;
    }
}
