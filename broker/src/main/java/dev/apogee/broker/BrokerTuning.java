package dev.apogee.broker;

import java.time.Duration;

/**
 * Delivery settings with the official broker's defaults: how transactions are checked, how far
 * timer messages may reach, and whether SQL92 filtering is on.
 *
 * @param transactionCheckInterval how often unresolved half messages are checked (30 s)
 * @param transactionTimeout       how old a half message must be before its producer is asked (6 s)
 * @param transactionCheckMax      checks before an unresolved half message is discarded (15)
 * @param timerMaxDelay            the furthest delivery time a timer message may ask for (3 days)
 * @param propertyFilter           SQL92 subscriptions are served (on; off on the official broker)
 */
public record BrokerTuning(Duration transactionCheckInterval, Duration transactionTimeout, int transactionCheckMax,
                           Duration timerMaxDelay, boolean propertyFilter) {

    public BrokerTuning {
        if (transactionCheckInterval.isNegative() || transactionCheckInterval.isZero()) {
            throw new IllegalArgumentException("the transaction check interval must be positive");
        }
        if (transactionTimeout.isNegative()) {
            throw new IllegalArgumentException("the transaction timeout must not be negative");
        }
        if (transactionCheckMax < 1) {
            throw new IllegalArgumentException("transactionCheckMax must be at least 1");
        }
        if (timerMaxDelay.isNegative() || timerMaxDelay.isZero()) {
            throw new IllegalArgumentException("the timer's maximum delay must be positive");
        }
    }

    public static BrokerTuning defaults() {
        return new BrokerTuning(Duration.ofSeconds(30), Duration.ofSeconds(6), 15, Duration.ofDays(3), true);
    }

    public BrokerTuning withTransactionChecks(Duration interval, Duration timeout, int max) {
        return new BrokerTuning(interval, timeout, max, timerMaxDelay, propertyFilter);
    }

    public BrokerTuning withTimerMaxDelay(Duration delay) {
        return new BrokerTuning(transactionCheckInterval, transactionTimeout, transactionCheckMax, delay, propertyFilter);
    }

    public BrokerTuning withPropertyFilter(boolean enabled) {
        return new BrokerTuning(transactionCheckInterval, transactionTimeout, transactionCheckMax, timerMaxDelay, enabled);
    }
}
