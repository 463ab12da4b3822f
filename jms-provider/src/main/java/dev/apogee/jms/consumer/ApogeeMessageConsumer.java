package dev.apogee.jms.consumer;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.pop.FilterExpression;
import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ProviderSettings;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.message.ApogeeMessage;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A consumer over POP: each receive pops at most one message for the consumer's group (so nothing is held
 * invisible that the application has not asked for), drops what must not be delivered (expired, noLocal,
 * rejected by the selector, past the delivery limit → dead-letter queue), and hands the rest to its session,
 * which acknowledges per its mode. Messages the session recovers are redelivered from a local queue first,
 * in order. A MessageListener gets its messages from a poller thread of its own, run one at a time on the
 * session's delivery thread.
 */
public class ApogeeMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger LOG = LogManager.getLogger(ApogeeMessageConsumer.class);
    /** The property naming the connection that sent a message (noLocal). */
    public static final String CONNECTION_PROPERTY = "JMS_Apogee_ConnectionID";
    /** Where a dead-lettered message was consumed from. */
    public static final String ORIGINAL_DESTINATION = "JMS_Apogee_OriginalDestination";

    private final ApogeeSession session;
    private final ApogeeDestination destination;
    private final SelectorPlan plan;
    /** What the broker is asked to filter by: the plan's first choice until a broker refuses it. */
    private volatile FilterExpression brokerFilter;
    private final boolean noLocal;
    private final String group;
    private final boolean competing;
    private final Runnable onClose;
    private final PopConsumer pop;
    private final ProviderSettings settings;
    /** Deliveries to hand out again before anything new. */
    private final LocalRedeliveries local;
    /** Popped ahead of the receives; guarded by {@code receiving}. */
    private final Prefetch prefetch;
    /** Acks of AUTO and DUPS_OK deliveries; close waits for them. */
    private final ConsumerAcks acks;
    private final Object receiving = new Object();
    private volatile MessageListener listener;
    private Thread poller;
    private volatile boolean closed;
    /** Whether a receive has reached a broker (so that losing the route is a failure, not a new topic). */
    private volatile boolean routed;

    /**
     * @param competing whether other subscribers share the group (a queue), so that a message this consumer's
     *                  selector rejects must stay for them, rather than be consumed by the subscription
     * @param onClose   what to do once it is closed (remove a non-durable subscription's group)
     */
    public ApogeeMessageConsumer(ApogeeSession session, ApogeeDestination destination, SelectorPlan plan,
                                 boolean noLocal, String group, boolean competing, Runnable onClose) {
        this.session = session;
        this.destination = destination;
        this.plan = plan;
        this.brokerFilter = plan.brokerFilter();
        this.noLocal = noLocal;
        this.group = group;
        this.competing = competing;
        this.onClose = onClose;
        this.settings = session.services().settings();
        this.pop = PopConsumer.builder().runtime(session.services().runtime()).group(group).keepUnmatched(true)
                .requestTimeout(settings.sendTimeout()).retryTopicCheck(Duration.ofSeconds(1)).build();
        this.prefetch = new Prefetch(pop, settings.prefetch(), settings.invisibleTime());
        this.local = new LocalRedeliveries(session::renewer, settings.invisibleTime(), this::renew, this::release,
                String.valueOf(destination));
        this.acks = new ConsumerAcks(pop, destination);
    }

    /** The consumer group it receives in. */
    public String group() {
        return group;
    }

    public ApogeeDestination destination() {
        return destination;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return plan.expression();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        session.checkListenerAllowed();
        synchronized (this) {
            this.listener = newListener;
            if (newListener != null && poller == null) {
                poller = new Thread(this::pollForListener, "apogee-jms-poller-" + group);
                poller.setDaemon(true);
                poller.start();
            }
        }
    }

    @Override
    public jakarta.jms.Message receive() throws JMSException {
        return receive(0);
    }

    @Override
    public jakarta.jms.Message receive(long timeout) throws JMSException {
        Delivery delivery = receiveDelivery(timeout <= 0 ? Long.MAX_VALUE : timeout);
        if (delivery == null) {
            return null;
        }
        session.delivered(delivery);
        return delivery.message();
    }

    @Override
    public jakarta.jms.Message receiveNoWait() throws JMSException {
        Delivery delivery = receiveDelivery(-1);
        if (delivery == null) {
            return null;
        }
        session.delivered(delivery);
        return delivery.message();
    }

    /**
     * The next delivery, not yet settled: waits up to {@code timeoutMillis} (MAX_VALUE: until a message or
     * close; negative: no wait). For receiveBody, which may have to give it back.
     */
    public Delivery receiveDelivery(long timeoutMillis) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener; receive is not allowed");
        }
        long deadline = timeoutMillis == Long.MAX_VALUE ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        synchronized (receiving) {
            return next(deadline, timeoutMillis < 0);
        }
    }

    private Delivery next(long deadline, boolean noWait) throws JMSException {
        boolean first = true;
        while (!closed && !session.isClosed()) {
            Delivery recovered = local.poll();
            if (recovered != null) {
                return recovered;
            }
            try {
                if (!session.gate().awaitStarted(noWait ? System.nanoTime() : deadline)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!first && left <= 0) {
                return null;
            }
            first = false;
            Delivery buffered = fromPrefetch();
            if (buffered != null) {
                return buffered;
            }
            long wait = noWait ? 0 : Math.max(0, Math.min(left, settings.pollTimeout().toMillis()));
            List<ReceivedMessage> got;
            int asked = 1;
            try {
                asked = prefetch.nextBatch();
                got = pop.receive(destination.name(), brokerFilter, asked, settings.invisibleTime(),
                        Duration.ofMillis(wait));
                routed = true;
            } catch (NoRouteException e) {
                // A topic nobody has sent to has no route yet: normal. One that had a route has lost its
                // brokers (stopped, unregistered): the ExceptionListener should hear of it.
                if (routed && !closed) {
                    session.connectionFailed(JmsErrors.of("no broker serves " + destination + " any more", e));
                }
                pause(Math.min(Math.max(wait, 10), 100));
                got = List.of();
            } catch (ClientException e) {
                if (closed) {
                    return null;
                }
                if (e instanceof BrokerRefusedException refused && fallBackFrom(refused)) {
                    first = true;   // ask again at once, with a filter the broker takes (at most twice)
                    continue;
                }
                session.connectionFailed(JmsErrors.of("receiving from " + destination, e));
                pause(Math.min(Math.max(wait, 10), 200));
                got = List.of();
            }
            prefetch.add(got, asked);
            Delivery delivery = fromPrefetch();
            if (delivery != null) {
                return delivery;
            }
            if (noWait) {
                return null;
            }
        }
        return null;
    }

    /** Whether the broker refused the filter itself, in which case the plan's next one is used. */
    private boolean fallBackFrom(BrokerRefusedException refused) {
        FilterExpression current = brokerFilter;
        FilterExpression next = plan.afterRefusal(current, refused.responseCode());
        if (next == null) {
            return false;
        }
        LOG.info("Broker {} refused the filter {} of {} ({}); the consumer asks for {} and selects the rest itself",
                refused.address(), current, destination, refused.remark(), next);
        brokerFilter = next;
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next prefetched message the application gets, or null when none is left. */
    private Delivery fromPrefetch() throws JMSException {
        ReceivedMessage next;
        while ((next = prefetch.next()) != null) {
            Delivery delivery = accept(next);
            if (delivery != null) {
                return delivery;
            }
        }
        return null;
    }

    /** The delivery of {@code received}, or null when it was dropped, dead-lettered or skipped. */
    private Delivery accept(ReceivedMessage received) throws JMSException {
        ApogeeMessage message = session.services().mapper().fromReceived(received, destination);
        long expiration = message.getJMSExpiration();
        if (expiration != 0 && expiration <= System.currentTimeMillis()) {
            LOG.debug("dropping expired message {} of {}", message.getJMSMessageID(), destination);
            acks.quietly(received);
            return null;
        }
        if (noLocal && session.services().connectionId().equals(received.message().property(CONNECTION_PROPERTY))) {
            acks.quietly(received);
            return null;
        }
        if (settings.maxDeliveries() > 0 && received.redeliveries() + 1 > settings.maxDeliveries()) {
            deadLetter(received);
            return null;
        }
        if (!plan.matches(message)) {
            if (competing) {
                // Another consumer of the queue may want it: hide it from this one for a while only.
                try {
                    pop.changeInvisibleTime(received, settings.releaseDelay());
                } catch (ClientException e) {
                    LOG.debug("could not release {}: {}", received.messageId(), e.getMessage());
                }
            } else {
                acks.quietly(received);
            }
            return null;
        }
        return new Delivery(this, received, message, 0);
    }

    private void deadLetter(ReceivedMessage received) {
        MessageView view = received.message();
        try {
            Message dead = DeadLetters.copyFor(settings.deadLetterQueue(), view, destination);
            session.services().producer().send(dead);
            acks.now(received);
            LOG.info("message {} of {} went to {} after {} deliveries", view.messageId(), destination,
                    settings.deadLetterQueue(), received.redeliveries() + 1);
        } catch (RuntimeException e) {
            LOG.warn("could not dead-letter {} of {}: {}", view.messageId(), destination, e.toString());
        }
    }

    /** Acknowledges {@code delivery} on the broker and waits. A stale receipt (invisible time passed) is logged. */
    void acknowledge(Delivery delivery) {
        acks.now(delivery.received());
    }

    /** Acknowledges {@code deliveries} of this consumer in one batch ack and waits; a failure is logged. */
    void acknowledge(List<Delivery> deliveries) {
        acks.now(deliveries.stream().map(Delivery::received).toList());
    }

    /** Acknowledges {@code delivery} without waiting for the broker's answer (AUTO and DUPS_OK). */
    void acknowledgeInBackground(Delivery delivery) {
        acks.inBackground(delivery.received());
    }

    /**
     * Keeps {@code delivery} invisible for another invisible time from now, and returns it with its new
     * receipt (the old one is spent); null if the broker refused (then it may be delivered again).
     */
    public Delivery renew(Delivery delivery) {
        try {
            ReceivedMessage renewed = pop.changeInvisibleTime(delivery.received(), settings.invisibleTime());
            return new Delivery(this, renewed, delivery.message(), delivery.recovered());
        } catch (ClientException e) {
            LOG.warn("could not keep {} of {} invisible (it may be delivered again): {}",
                    delivery.received().messageId(), destination, e.getMessage());
            return null;
        }
    }

    /** Queues {@code delivery} to be delivered again, before anything new. */
    void redeliver(Delivery delivery) {
        Delivery again = redelivery(delivery);
        if (again != null) {
            local.addLast(again);
        }
    }

    /** {@code delivery} as it is handed out again: redelivered, its count raised; null if it cannot be read. */
    private Delivery redelivery(Delivery delivery) {
        try {
            ApogeeMessage again = session.services().mapper().fromReceived(delivery.received(), destination);
            int recovered = delivery.recovered() + 1;
            again.setDeliveryCount(delivery.received().redeliveries() + 1 + recovered);
            return new Delivery(this, delivery.received(), again, recovered);
        } catch (JMSException e) {
            LOG.warn("could not redeliver {}: {}", delivery.received().messageId(), e.getMessage());
            return null;
        }
    }

    /**
     * Gives {@code delivery} back unchanged, to be delivered next: receiveBody could not read its body. This
     * is not a redelivery (Jakarta Messaging 3.1, JMSConsumer.receiveBody), so nothing about it changes.
     */
    public void putBack(Delivery delivery) {
        local.addFirst(List.of(delivery));
    }

    /** Puts {@code deliveries} (in order) back at the head of the local queue. */
    public void redeliverFirst(List<Delivery> deliveries) {
        List<Delivery> again = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            Delivery redelivered = redelivery(delivery);
            if (redelivered != null) {
                again.add(redelivered);
            }
        }
        local.addFirst(again);
    }

    /** Makes {@code delivery} visible to the group again now. */
    public void release(Delivery delivery) {
        try {
            pop.changeInvisibleTime(delivery.received(), Duration.ZERO);
        } catch (ClientException e) {
            LOG.debug("could not release {}: {}", delivery.received().messageId(), e.getMessage());
        }
    }

    private void pollForListener() {
        while (!closed && !session.isClosed()) {
            MessageListener current = listener;
            if (current == null) {
                synchronized (this) {
                    if (listener == null) {
                        poller = null;
                        return;
                    }
                }
                continue;
            }
            try {
                Delivery delivery;
                synchronized (receiving) {
                    delivery = next(System.nanoTime() + settings.pollTimeout().toNanos(), false);
                }
                if (delivery != null) {
                    session.dispatch(delivery, current);
                }
            } catch (JMSException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("delivery to the listener of {} failed: {}", destination, e.toString());
                    pause(100);
                }
            }
        }
    }

    @Override
    public void close() throws JMSException {
        Thread stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = poller;
        }
        if (stopping != null && stopping != Thread.currentThread() && !session.isDeliveryThread()) {
            try {
                stopping.join(settings.pollTimeout().toMillis() * 3 + settings.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (receiving) {
            local.releaseAll();
            prefetch.releaseAll();
        }
        acks.await(settings.sendTimeout());
        session.consumerClosed(this);
        pop.close();
        if (onClose != null) {
            onClose.run();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsErrors.closed("message consumer");
        }
        if (session.isClosed()) {
            throw JmsErrors.closed("session");
        }
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (destination instanceof ApogeeQueue queue) {
            return queue;
        }
        throw new IllegalStateException("this consumer receives from a topic");
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (destination instanceof Topic topic) {
            return topic;
        }
        throw new IllegalStateException("this consumer receives from a queue");
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }
}
