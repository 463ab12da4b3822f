package dev.apogee.jms.consumer;

import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.jms.message.ApogeeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message handed to the application, with the receipt that settles it on the broker.
 *
 * @param consumer  the consumer it came through (its group acknowledges it)
 * @param received  what the broker handed out (the pop receipt)
 * @param message   the JMS message the application sees
 * @param recovered how many times the session redelivered it locally (recover, rollback, a listener's throw)
 */
public record Delivery(ApogeeMessageConsumer consumer, ReceivedMessage received, ApogeeMessage message,
                       int recovered) {

    /** Acknowledges it to the broker: the group is done with it. */
    public void acknowledge() {
        consumer.acknowledge(this);
    }

    /**
     * Acknowledges {@code deliveries} to the broker and waits for the answers: one batch ack per consumer
     * (and broker group) instead of one request per message, as a session's acknowledge or commit needs.
     */
    public static void acknowledgeAll(List<Delivery> deliveries) {
        Map<ApogeeMessageConsumer, List<Delivery>> byConsumer = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byConsumer.computeIfAbsent(delivery.consumer(), consumer -> new ArrayList<>()).add(delivery);
        }
        byConsumer.forEach(ApogeeMessageConsumer::acknowledge);
    }

    /** Acknowledges it without waiting for the broker's answer (AUTO and DUPS_OK sessions). */
    public void acknowledgeInBackground() {
        consumer.acknowledgeInBackground(this);
    }

    /** Hands it back to its consumer, to be delivered again first, with JMSRedelivered set. */
    public void redeliver() {
        consumer.redeliver(this);
    }
}
