package dev.apogee.client.producer;

/** How a broker acknowledged a stored message. Anything but {@link #SEND_OK} means stored, not yet durable/replicated. */
public enum SendStatus {
    /** Stored (and flushed or replicated, if the broker is configured to wait for it). */
    SEND_OK,
    /** Stored, but the broker's synchronous flush timed out. */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but replication to the slave timed out. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but no slave was available to replicate to. */
    SLAVE_NOT_AVAILABLE
}
