package dev.apogee.jms.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A consumer's deliveries waiting to be delivered again (recover, rollback, a redelivery, a body
 * {@code receiveBody} could not read), ahead of anything new and in order. While any wait, each is renewed
 * every third of the invisible time: the application need not receive again soon, and a message waiting
 * here longer than its invisible time must not go to another consumer meanwhile.
 *
 * <p>Thread-safety: every method holds this object's monitor (the renewals too, so a delivery is never
 * taken with a receipt being replaced).
 */
final class LocalRedeliveries {

    private static final Logger LOG = LogManager.getLogger(LocalRedeliveries.class);

    private final Deque<Delivery> waiting = new ArrayDeque<>();
    private final Supplier<ScheduledExecutorService> timer;
    private final long periodMillis;
    private final UnaryOperator<Delivery> renew;
    private final Consumer<Delivery> release;
    private final String owner;
    private ScheduledFuture<?> renewal;
    private boolean closed;

    /**
     * @param timer   where renewals run (the connection's renewer)
     * @param renew   renews one delivery, returning it with its new receipt, or null if the broker refused
     * @param release makes one delivery visible to the group again (on {@link #releaseAll})
     * @param owner   what to name in a log line
     */
    LocalRedeliveries(Supplier<ScheduledExecutorService> timer, Duration invisibleTime, UnaryOperator<Delivery> renew,
                      Consumer<Delivery> release, String owner) {
        this.timer = timer;
        this.periodMillis = Math.max(50, invisibleTime.toMillis() / 3);
        this.renew = renew;
        this.release = release;
        this.owner = owner;
    }

    /** The next delivery to hand out again, or null. */
    synchronized Delivery poll() {
        return waiting.poll();
    }

    /** Queues {@code delivery} after those already waiting. */
    synchronized void addLast(Delivery delivery) {
        waiting.addLast(delivery);
        renewWhileWaiting();
    }

    /** Queues {@code deliveries}, in order, ahead of those already waiting. */
    synchronized void addFirst(List<Delivery> deliveries) {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            waiting.addFirst(deliveries.get(i));
        }
        renewWhileWaiting();
    }

    /** Makes everything waiting visible to the group again at once and stops renewing (the consumer closes). */
    synchronized void releaseAll() {
        closed = true;
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
        waiting.forEach(release);
        waiting.clear();
    }

    private void renewWhileWaiting() {
        if (renewal != null || waiting.isEmpty() || closed) {
            return;
        }
        try {
            renewal = timer.get().scheduleWithFixedDelay(this::renewAll, periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("not renewing the messages waiting to be redelivered by {}: {}", owner, e.toString());
        }
    }

    private synchronized void renewAll() {
        if (waiting.isEmpty() || closed) {
            if (renewal != null) {
                renewal.cancel(false);
                renewal = null;
            }
            return;
        }
        List<Delivery> renewed = new ArrayList<>(waiting.size());
        for (Delivery delivery : waiting) {
            Delivery fresh = renew.apply(delivery);
            renewed.add(fresh != null ? fresh : delivery);
        }
        waiting.clear();
        waiting.addAll(renewed);
    }
}
