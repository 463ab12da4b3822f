package dev.apogee.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts a broker from the command line and runs it until the JVM is told to stop (SIGTERM,
 * SIGINT): a shutdown hook then unregisters it, answers requests in progress and closes the store.
 *
 * <p>Exit codes: 0 after {@code --help} or {@code --print-config}, 1 when the broker cannot start,
 * 2 for a bad command line.
 */
public final class BrokerMain {

    private static final Logger LOG = LogManager.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit >= 0) {
            System.exit(exit);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BrokerArguments arguments;
        try {
            arguments = BrokerArguments.parse(args);
        } catch (BrokerArguments.UsageException e) {
            err.println("apogee-broker: " + e.getMessage());
            err.print(BrokerArguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(BrokerArguments.USAGE);
            return 0;
        }
        if (arguments.printConfig()) {
            out.print(BrokerArguments.describe(arguments.config()));
            return 0;
        }
        BrokerServer broker = new BrokerServer(arguments.config());
        try {
            broker.start();
        } catch (IOException | RuntimeException e) {
            LOG.error("Broker failed to start", e);
            err.println("apogee-broker: cannot start: " + e.getMessage());
            broker.stop();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested");
            broker.stop();
            stopped.countDown();
            LogManager.shutdown();
        }, "broker-shutdown"));
        out.println("apogee-broker " + arguments.config().brokerName() + " listening on " + broker.address());
        Thread keeper = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-main");
        keeper.start();
        return -1;
    }
}
