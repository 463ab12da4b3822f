package dev.apogee.client.producer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Latency fault tolerance: brokers whose sends failed or were slow are avoided for a while, so a
 * struggling broker gets fewer sends and recovers while the others carry the load. A failed send
 * avoids the broker for the failure period; a send slower than the slow threshold avoids it for the
 * latency times the penalty factor (a 2 s send: 6 s with the default factor 3), capped; a fast send
 * clears nothing early -- the avoidance simply runs out, then the broker is tried again.
 *
 * <p>Thread-safe; state is one entry per broker ever slow or failed.
 */
public final class BrokerFaults {

    private static final Logger LOG = LogManager.getLogger(BrokerFaults.class);

    /**
     * How faults are judged.
     *
     * @param slowThreshold   sends at least this slow count as a fault
     * @param penaltyFactor   avoidance per unit of latency of a slow send
     * @param failurePeriod   avoidance after a failed send
     * @param maxAvoidance    the longest avoidance
     */
    public record Policy(Duration slowThreshold, int penaltyFactor, Duration failurePeriod, Duration maxAvoidance) {

        /** 550 ms slow threshold, factor 3, 10 s after a failure, at most 30 s. */
        public static Policy defaults() {
            return new Policy(Duration.ofMillis(550), 3, Duration.ofSeconds(10), Duration.ofSeconds(30));
        }

        /** Never avoids a broker. */
        public static Policy disabled() {
            return new Policy(Duration.ofDays(365), 0, Duration.ZERO, Duration.ZERO);
        }
    }

    private final Policy policy;
    private final LongSupplier clock;
    private final Map<String, Long> avoidUntil = new ConcurrentHashMap<>();

    /** Faults judged by {@code policy} on the wall clock. */
    public BrokerFaults(Policy policy) {
        this(policy, System::currentTimeMillis);
    }

    /** Faults judged by {@code policy} on {@code clockMillis} (tests). */
    BrokerFaults(Policy policy, LongSupplier clockMillis) {
        this.policy = policy;
        this.clock = clockMillis;
    }

    /** A send to {@code brokerName} finished after {@code latencyMillis}, {@code failed} or not. */
    public void record(String brokerName, long latencyMillis, boolean failed) {
        long avoidance;
        if (failed) {
            avoidance = policy.failurePeriod().toMillis();
        } else if (latencyMillis >= policy.slowThreshold().toMillis()) {
            avoidance = latencyMillis * policy.penaltyFactor();
        } else {
            return;
        }
        avoidance = Math.min(avoidance, policy.maxAvoidance().toMillis());
        if (avoidance <= 0) {
            return;
        }
        long until = clock.getAsLong() + avoidance;
        avoidUntil.merge(brokerName, until, Math::max);
        LOG.info("avoiding broker {} for {} ms ({} after {} ms)", brokerName, avoidance, failed ? "failure" : "slow send",
                latencyMillis);
    }

    /** Whether {@code brokerName} may get sends now. */
    public boolean isAvailable(String brokerName) {
        Long until = avoidUntil.get(brokerName);
        if (until == null) {
            return true;
        }
        if (clock.getAsLong() >= until) {
            avoidUntil.remove(brokerName, until);
            return true;
        }
        return false;
    }

    /** Of {@code brokerNames}, the one available soonest (when every one is avoided); null if none given. */
    public String soonestAvailable(Collection<String> brokerNames) {
        String best = null;
        long bestUntil = Long.MAX_VALUE;
        for (String name : brokerNames) {
            long until = avoidUntil.getOrDefault(name, 0L);
            if (until < bestUntil) {
                best = name;
                bestUntil = until;
            }
        }
        return best;
    }
}
