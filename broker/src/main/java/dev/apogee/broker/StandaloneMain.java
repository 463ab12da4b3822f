package dev.apogee.broker;

import dev.apogee.namesrv.NamesrvConfig;
import dev.apogee.namesrv.NamesrvServer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A name server and a broker in one process, for development and small installations: the broker
 * registers with the name server beside it. Takes the broker's options plus {@code --namesrv-port}
 * (default 9876); both keep their data under {@code --data-dir}.
 */
public final class StandaloneMain {

    private static final Logger LOG = LogManager.getLogger(StandaloneMain.class);
    static final String USAGE = "Usage: apogee-standalone [--namesrv-port <port>] [broker options]\n"
            + "  --namesrv-port <port>      the name server's port (default 9876; 0 picks a free one)\n"
            + BrokerArguments.USAGE.substring(BrokerArguments.USAGE.indexOf('\n') + 1);

    private StandaloneMain() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit >= 0) {
            System.exit(exit);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int namesrvPort = NamesrvConfig.DEFAULT_PORT;
        List<String> brokerArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--namesrv-port") && i + 1 < args.length) {
                try {
                    namesrvPort = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    err.println("apogee-standalone: --namesrv-port needs a whole number, not '" + args[i] + "'");
                    return 2;
                }
            } else if (args[i].equals("--namesrv")) {
                err.println("apogee-standalone: --namesrv is not an option here: the broker uses the name server beside it");
                return 2;
            } else {
                brokerArgs.add(args[i]);
            }
        }
        BrokerArguments arguments;
        try {
            arguments = BrokerArguments.parse(brokerArgs.toArray(String[]::new));
        } catch (BrokerArguments.UsageException e) {
            err.println("apogee-standalone: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(USAGE);
            return 0;
        }
        NamesrvServer namesrv = new NamesrvServer(NamesrvConfig.defaults().withPort(namesrvPort)
                .withBindAddress(arguments.config().bindAddress()).withDataDir(arguments.config().dataDir()));
        BrokerServer broker;
        try {
            namesrv.start();
            broker = new BrokerServer(arguments.config()
                    .withNameServers(List.of("127.0.0.1:" + namesrv.port())));
            broker.start();
        } catch (IOException | RuntimeException e) {
            LOG.error("Standalone failed to start", e);
            err.println("apogee-standalone: cannot start: " + e.getMessage());
            namesrv.stop();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested");
            broker.stop();
            namesrv.stop();
            stopped.countDown();
            LogManager.shutdown();
        }, "standalone-shutdown"));
        out.println("apogee-standalone: name server on port " + namesrv.port() + ", broker "
                + arguments.config().brokerName() + " on " + broker.address());
        Thread keeper = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "standalone-main");
        keeper.start();
        return -1;
    }
}
