package dev.apogee.jms.consumer;

import dev.apogee.client.pop.PopConsumer;
import dev.apogee.client.pop.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Messages a consumer popped ahead of its receives, and how many to ask for next. A pop round trip per
 * message caps a consumer at a few thousand messages a second; popping several at once lets a consumer
 * that keeps receiving stream. The batch starts at one and doubles (up to the configured prefetch) each
 * time a pop returned all it asked for, and falls back to one when a pop finds nothing, so a consumer made
 * for one receive (a Spring {@code JmsTemplate}) takes one message, not a window.
 *
 * <p>A prefetched message is invisible to the group's other consumers until its invisible time ends. One
 * that has waited so long that less than a third of that time is left is not delivered but released (made
 * visible again): the application would have too little time to settle it before the broker hands it to
 * another consumer. Closing the consumer releases everything still buffered.
 *
 * <p>Not thread-safe: used under the consumer's receive lock.
 */
final class Prefetch {

    private static final Logger LOG = LogManager.getLogger(Prefetch.class);

    private final PopConsumer pop;
    private final int max;
    private final Duration freshFor;
    private final ArrayDeque<ReceivedMessage> buffered = new ArrayDeque<>();
    private int batch = 1;

    /**
     * @param max           most messages per pop (1: no prefetch)
     * @param invisibleTime the invisible time messages are popped with
     */
    Prefetch(PopConsumer pop, int max, Duration invisibleTime) {
        this.pop = pop;
        this.max = max;
        this.freshFor = invisibleTime.dividedBy(3);
    }

    /** How many messages the next pop asks for. */
    int nextBatch() {
        return Math.min(batch, max);
    }

    /** Buffers what a pop of {@code asked} messages returned, and sizes the next batch by it. */
    void add(List<ReceivedMessage> popped, int asked) {
        if (popped.isEmpty()) {
            batch = 1;
        } else if (popped.size() >= asked) {
            batch = Math.min(asked * 2, max);
        }
        buffered.addAll(popped);
    }

    /** The next buffered message still fresh enough to deliver, or null; stale ones are released. */
    ReceivedMessage next() {
        ReceivedMessage next;
        while ((next = buffered.poll()) != null) {
            if (Duration.between(Instant.now(), next.invisibleUntil()).compareTo(freshFor) >= 0) {
                return next;
            }
            LOG.debug("prefetched {} waited too long; released", next.messageId());
            release(List.of(next));
        }
        return null;
    }

    /** Makes every buffered message visible to the group again, waiting (briefly) for the broker's answers. */
    void releaseAll() {
        if (!buffered.isEmpty()) {
            List<ReceivedMessage> all = new ArrayList<>(buffered);
            buffered.clear();
            release(all);
        }
    }

    private void release(List<ReceivedMessage> messages) {
        List<CompletableFuture<?>> answers = new ArrayList<>(messages.size());
        for (ReceivedMessage message : messages) {
            try {
                answers.add(pop.changeInvisibleTimeAsync(message, Duration.ZERO));
            } catch (RuntimeException e) {
                LOG.debug("could not release {}: {}", message.messageId(), e.toString());
            }
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Not released: it comes back when its invisible time ends.
            LOG.debug("releasing {} prefetched messages: {}", messages.size(), e.toString());
        }
    }
}
