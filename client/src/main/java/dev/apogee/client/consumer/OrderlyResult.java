package dev.apogee.client.consumer;

/** What an {@link OrderlyListener} made of one message. */
public enum OrderlyResult {
    /** Processed; the next message of the queue follows. */
    SUCCESS,
    /**
     * Not processed: the queue pauses for the suspend time and the same message is delivered again
     * (locally, keeping the order), until the maximum number of deliveries sends it to the dead-letter topic.
     */
    SUSPEND
}
