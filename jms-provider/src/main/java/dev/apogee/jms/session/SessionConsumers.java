package dev.apogee.jms.session;

import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.connection.ApogeeConnection;
import dev.apogee.jms.consumer.ApogeeMessageConsumer;
import dev.apogee.jms.consumer.ApogeeQueueBrowser;
import dev.apogee.jms.consumer.SelectorPlan;
import dev.apogee.jms.message.DestinationCodec;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A session's consumers and browsers: how each kind is made (which destination checks, which group through
 * the connection's {@code ConsumerFactory}), the list the session closes, and which destinations they read.
 */
final class SessionConsumers {

    private static final Logger LOG = LogManager.getLogger(SessionConsumers.class);

    private final ApogeeSession session;
    private final ApogeeConnection connection;
    private final List<ApogeeMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<ApogeeQueueBrowser> browsers = new CopyOnWriteArrayList<>();

    SessionConsumers(ApogeeSession session, ApogeeConnection connection) {
        this.session = session;
        this.connection = connection;
    }

    /** Our destination for {@code destination}; a temporary one only if this connection made it. */
    private ApogeeDestination checked(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("the destination is null");
        }
        ApogeeDestination apogee = DestinationCodec.toApogee(destination);
        if (apogee.isTemporary() && !connection.ownsTemporary(apogee)) {
            throw new InvalidDestinationException("temporary destination " + apogee.name()
                    + " belongs to another connection; only its own connection may consume from it");
        }
        return apogee;
    }

    private ApogeeMessageConsumer register(ApogeeMessageConsumer consumer) {
        consumers.add(consumer);
        return consumer;
    }

    ApogeeMessageConsumer plain(Destination destination, String selector, boolean noLocal) throws JMSException {
        ApogeeDestination target = checked(destination);
        SelectorPlan plan = target instanceof jakarta.jms.Queue ? SelectorPlan.forQueue(selector) : SelectorPlan.of(selector);
        return register(connection.consumerFactory().create(session, target, plan, noLocal));
    }

    ApogeeMessageConsumer shared(Destination topic, String name, String selector, boolean durable)
            throws JMSException {
        ApogeeDestination target = checked(topic);
        return register(connection.consumerFactory().shared(session, target, name, SelectorPlan.of(selector),
                durable));
    }

    ApogeeMessageConsumer durable(Destination topic, String name, String selector, boolean noLocal)
            throws JMSException {
        if (connection.getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client id on the connection");
        }
        ApogeeDestination target = checked(topic);
        return register(connection.consumerFactory().durable(session, target, name, SelectorPlan.of(selector),
                noLocal));
    }

    ApogeeQueueBrowser browser(Destination queue, String selector) throws JMSException {
        ApogeeDestination target = checked(queue);
        ApogeeQueueBrowser browser = new ApogeeQueueBrowser(session, (ApogeeQueue) target, SelectorPlan.forQueue(selector));
        browsers.add(browser);
        return browser;
    }

    boolean hasConsumerOf(ApogeeDestination destination) {
        return consumers.stream().anyMatch(consumer -> consumer.destination().equals(destination));
    }

    void consumerClosed(ApogeeMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    void browserClosed(ApogeeQueueBrowser browser) {
        browsers.remove(browser);
    }

    /** Closes every consumer and browser (session close). */
    void closeAll() {
        for (ApogeeMessageConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (JMSException e) {
                LOG.warn("closing a consumer: {}", e.getMessage());
            }
        }
        for (ApogeeQueueBrowser browser : browsers) {
            browser.closeQuietly();
        }
    }
}
