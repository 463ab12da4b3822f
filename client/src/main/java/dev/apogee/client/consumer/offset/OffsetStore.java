package dev.apogee.client.consumer.offset;

import dev.apogee.remoting.protocol.body.MessageQueue;
import java.util.Collection;

/**
 * A consumer group's progress per queue: the offset of the first message not consumed yet. Kept in
 * memory while consuming and written out ({@link #persist}) periodically, when a queue is given up and
 * on close. The one owner of a consumer's offsets.
 */
public interface OffsetStore {

    /** The stored offset of {@code queue} (asking the broker or reading the file), or -1 if there is none. */
    long readStored(MessageQueue queue);

    /** The offset in memory, or -1 if none was set since the queue was taken. */
    long current(MessageQueue queue);

    /**
     * Sets the offset in memory. {@code onlyForward} ignores a value below the current one (consumption
     * finishing out of order); otherwise it replaces it (a seek).
     */
    void update(MessageQueue queue, long offset, boolean onlyForward);

    /** Writes the offsets in memory of {@code queues} out, waiting at most the request timeout. */
    void persist(Collection<MessageQueue> queues);

    /** Forgets {@code queue} (after a final {@link #persist}) when it is given up. */
    void forget(MessageQueue queue);
}
