package dev.apogee.jms.consumer;

import dev.apogee.client.admin.TopicQueueStats;
import dev.apogee.client.message.MessageView;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.internal.JmsErrors;
import dev.apogee.jms.message.ApogeeMessage;
import dev.apogee.jms.session.ApogeeSession;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Browses a queue without consuming: reads each RocketMQ queue of the topic from the queue group's
 * committed offset to its end with the admin client's browse (a pull that never commits). What it shows is
 * a snapshot: messages consumed but not yet committed by the group may still appear, and messages the
 * group has acknowledged out of order past its offset too. Expired messages and those the selector rejects
 * are left out.
 */
public final class ApogeeQueueBrowser implements QueueBrowser {

    private static final Logger LOG = LogManager.getLogger(ApogeeQueueBrowser.class);
    private static final int MAX = 1024;

    private final ApogeeSession session;
    private final ApogeeQueue queue;
    private final SelectorPlan plan;
    private volatile boolean closed;

    public ApogeeQueueBrowser(ApogeeSession session, ApogeeQueue queue, SelectorPlan plan) {
        this.session = session;
        this.queue = queue;
        this.plan = plan;
    }

    @Override
    public Queue getQueue() throws JMSException {
        check();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        check();
        return plan.expression();
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        check();
        List<Message> messages = new ArrayList<>();
        try {
            String group = ConsumerGroups.queue(queue.name());
            var admin = session.services().admin();
            List<TopicQueueStats> stats;
            try {
                stats = admin.topics().stats(queue.name());
            } catch (dev.apogee.client.ClientException e) {
                return Collections.emptyEnumeration();
            }
            var lag = admin.groups().lag(group);
            for (TopicQueueStats queueStats : stats) {
                long from = queueStats.minOffset();
                for (var queueLag : lag.queues()) {
                    if (queueLag.queue().equals(queueStats.queue()) && queueLag.consumerOffset().isPresent()) {
                        from = Math.max(from, queueLag.consumerOffset().getAsLong());
                    }
                }
                long to = Math.min(queueStats.maxOffset(), from + MAX);
                if (from >= to) {
                    continue;
                }
                for (MessageView view : admin.messages().browse(queueStats.queue(), from, to)) {
                    ApogeeMessage message = session.services().mapper().fromView(view, queue);
                    long expiration = message.getJMSExpiration();
                    if ((expiration == 0 || expiration > System.currentTimeMillis()) && plan.matches(message)) {
                        messages.add(message);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw JmsErrors.of("browsing " + queue, e);
        }
        return Collections.enumeration(messages);
    }

    private void check() throws JMSException {
        if (closed || session.isClosed()) {
            throw JmsErrors.closed("queue browser");
        }
    }

    @Override
    public void close() {
        closed = true;
        session.browserClosed(this);
    }

    public void closeQuietly() {
        close();
    }
}
