package dev.apogee.client.consumer.lite;

import dev.apogee.client.consumer.Subscription;
import dev.apogee.client.message.MessageView;
import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.ArrayDeque;

/**
 * One queue of a lite pull consumer: the messages pulled and not yet polled, where the next pull
 * starts, and the position (the offset of the next message poll would return, which commits write).
 * Guarded by the lock of {@link LiteQueues}. A seek bumps the epoch, so answers of pulls sent before
 * it are recognised and dropped.
 */
final class LiteQueue {

    final MessageQueue queue;
    final Subscription subscription;
    final ArrayDeque<MessageView> buffered = new ArrayDeque<>();
    long bufferedBytes;
    long nextPullOffset;
    long position;
    int epoch;
    boolean paused;
    boolean dropped;

    LiteQueue(MessageQueue queue, Subscription subscription, long offset) {
        this.queue = queue;
        this.subscription = subscription;
        this.nextPullOffset = offset;
        this.position = offset;
    }

    /** Forgets what was buffered and restarts at {@code offset}. */
    void reset(long offset) {
        buffered.clear();
        bufferedBytes = 0;
        nextPullOffset = offset;
        position = offset;
        epoch++;
    }

    /** Takes the next buffered message, moving the position past it. */
    MessageView take() {
        MessageView message = buffered.pollFirst();
        bufferedBytes -= message.body().length;
        position = buffered.isEmpty() ? nextPullOffset : buffered.peekFirst().queueOffset();
        return message;
    }
}
