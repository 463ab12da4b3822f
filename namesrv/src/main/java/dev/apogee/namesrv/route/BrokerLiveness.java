package dev.apogee.namesrv.route;

import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.transport.ChannelListener;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps the {@link RouteTable} free of dead brokers: scans it periodically for brokers silent past
 * their timeout, and removes a broker as soon as the connection it registered on closes.
 *
 * <p>Both kinds of work run on one thread of its own: connection events arrive on event loops,
 * which must not wait for the route table's write lock.
 *
 * <p>Thread-safety: safe from any thread; {@link #start()} and {@link #stop()} once each.
 */
public final class BrokerLiveness implements ChannelListener {

    private static final Logger LOG = LogManager.getLogger(BrokerLiveness.class);

    private final RouteTable routes;
    private final Duration scanInterval;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("namesrv-liveness", true));

    public BrokerLiveness(RouteTable routes, Duration scanInterval) {
        this.routes = routes;
        this.scanInterval = scanInterval;
    }

    /** Starts the periodic scan. */
    public void start() {
        long millis = scanInterval.toMillis();
        executor.scheduleWithFixedDelay(this::scan, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One scan: removes silent brokers and closes their connections. */
    void scan() {
        try {
            for (Channel channel : routes.expireSilentBrokers()) {
                channel.close();
            }
        } catch (RuntimeException e) {
            // A failing scan must not cancel the schedule; the next one retries.
            LOG.error("Broker expiry scan failed", e);
        }
    }

    @Override
    public void onClose(String remoteAddress, Channel channel) {
        try {
            executor.execute(() -> routes.channelClosed(channel));
        } catch (RejectedExecutionException e) {
            LOG.debug("Ignoring close of {} during shutdown", remoteAddress);
        }
    }

    /** Stops the scan thread, waiting briefly for a scan in progress. */
    public void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
