package dev.apogee.jms.session;

import dev.apogee.jms.consumer.ApogeeMessageConsumer;
import dev.apogee.jms.consumer.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The messages a CLIENT_ACKNOWLEDGE or transacted session handed out and has not settled, in delivery order.
 * While any are held, their invisible time is renewed every third of it: a message held longer than its
 * invisible time would otherwise be handed to another consumer while this session may still acknowledge or
 * commit it.
 */
final class HeldDeliveries {

    private static final Logger LOG = LogManager.getLogger(HeldDeliveries.class);

    private final List<Delivery> held = new ArrayList<>();
    private final Supplier<ScheduledExecutorService> timer;
    private final long periodMillis;
    private ScheduledFuture<?> renewal;
    private boolean closed;

    /** @param timer where renewals run (the connection's renewer thread), asked for on first use */
    HeldDeliveries(Supplier<ScheduledExecutorService> timer, Duration invisibleTime) {
        this.timer = timer;
        this.periodMillis = Math.max(50, invisibleTime.toMillis() / 3);
    }

    synchronized void add(Delivery delivery) {
        held.add(delivery);
        if (renewal == null && !closed) {
            try {
                renewal = timer.get().scheduleWithFixedDelay(this::renew, periodMillis, periodMillis,
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                LOG.debug("not renewing held messages: {}", e.toString());
            }
        }
    }

    /**
     * Renews every held delivery, replacing it with its new receipt. The lock is held throughout, so an
     * acknowledge or commit waits and then settles with the new receipts, never a spent one.
     */
    private synchronized void renew() {
        for (int i = 0; i < held.size(); i++) {
            Delivery renewed = held.get(i).consumer().renew(held.get(i));
            if (renewed != null) {
                held.set(i, renewed);
            }
        }
    }

    /** Removes and returns everything held, in delivery order. */
    synchronized List<Delivery> takeAll() {
        List<Delivery> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }

    /** Hands everything held back to its consumers, in order, to be delivered again (recover, rollback). */
    void redeliverAll() {
        Map<ApogeeMessageConsumer, List<Delivery>> byConsumer = new LinkedHashMap<>();
        for (Delivery delivery : takeAll()) {
            byConsumer.computeIfAbsent(delivery.consumer(), c -> new ArrayList<>()).add(delivery);
        }
        byConsumer.forEach((consumer, list) -> {
            if (consumer.isClosed()) {
                list.forEach(consumer::release);
            } else {
                consumer.redeliverFirst(list);
            }
        });
    }

    /** Stops renewing and makes everything held visible again at once (session close). */
    void close() {
        synchronized (this) {
            closed = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
        for (Delivery delivery : takeAll()) {
            delivery.consumer().release(delivery);
        }
    }
}
