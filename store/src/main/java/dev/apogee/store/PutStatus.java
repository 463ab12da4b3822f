package dev.apogee.store;

/** How a put ended. Only {@link #PUT_OK} and {@link #FLUSH_DISK_TIMEOUT} mean the message is stored. */
public enum PutStatus {
    PUT_OK,
    /** Stored in the commit log, but the SYNC_FLUSH force did not finish within the timeout. */
    FLUSH_DISK_TIMEOUT,
    /** Refused: the message is larger than the maximum size or malformed. */
    MESSAGE_ILLEGAL,
    /** Refused: too many puts are waiting for the appender. */
    SERVICE_BUSY,
    /** Refused: the store is shutting down or failed. */
    SERVICE_UNAVAILABLE
}
