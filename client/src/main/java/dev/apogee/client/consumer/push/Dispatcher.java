package dev.apogee.client.consumer.push;

import dev.apogee.client.message.MessageView;
import java.util.List;

/** Hands pulled messages to the listener: concurrently, or in queue order. */
public interface Dispatcher {

    /** {@code messages}, just added to {@code queue}, are to be consumed. */
    void submit(ProcessQueue queue, List<MessageView> messages);

    /** Stops taking work and waits up to {@code timeoutMillis} for listeners still running. */
    void close(long timeoutMillis);
}
