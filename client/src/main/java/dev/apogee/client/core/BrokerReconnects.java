package dev.apogee.client.core;

import dev.apogee.client.route.Routes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Re-establishes a dropped broker connection, with backoff, by sending that broker a heartbeat. A broker
 * forgets a client with its connection, and until it hears from the client again it cannot reach it: no
 * transaction check gets answered, no consumer hears that its group changed. Requests reconnect on their
 * own, but an idle producer sends none, and the periodic heartbeat may be half a minute away.
 *
 * <p>Only while something is announced (a producer or consumer is registered) and only to addresses the
 * current routes name; attempts double their wait from the first to the longest reconnect backoff and
 * stop when one gets through, the broker leaves the routes, or the runtime closes.
 */
final class BrokerReconnects {

    private static final Logger LOG = LogManager.getLogger(BrokerReconnects.class);

    private final Heartbeats heartbeats;
    private final Routes routes;
    private final ScheduledExecutorService timer;
    private final long firstMillis;
    private final long maxMillis;
    private final BooleanSupplier closed;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    BrokerReconnects(Heartbeats heartbeats, Routes routes, ScheduledExecutorService timer, Duration first,
                     Duration max, BooleanSupplier closed) {
        this.heartbeats = heartbeats;
        this.routes = routes;
        this.timer = timer;
        this.firstMillis = first.toMillis();
        this.maxMillis = Math.max(firstMillis, max.toMillis());
        this.closed = closed;
    }

    /** The connection to {@code address} closed; quick, called on an event loop. */
    void connectionClosed(String address) {
        if (wanted(address) && pending.add(address)) {
            schedule(address, firstMillis);
        }
    }

    private boolean wanted(String address) {
        return !closed.getAsBoolean() && heartbeats.hasContributors() && routes.isBroker(address);
    }

    private void schedule(String address, long delayMillis) {
        try {
            timer.schedule(() -> attempt(address, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The runtime is closing.
            pending.remove(address);
        }
    }

    private void attempt(String address, long delayMillis) {
        if (!wanted(address)) {
            pending.remove(address);
            return;
        }
        heartbeats.sendOrFail(address).whenComplete((done, failure) -> {
            if (failure == null) {
                pending.remove(address);
                LOG.info("reconnected to broker {}", address);
            } else {
                long next = Math.min(maxMillis, delayMillis * 2);
                LOG.debug("reconnecting to broker {} failed ({}); next attempt in {} ms", address,
                        failure.getMessage(), next);
                schedule(address, next);
            }
        });
    }
}
