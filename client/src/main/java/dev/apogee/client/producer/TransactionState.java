package dev.apogee.client.producer;

/** How a local transaction ended, as far as the producer knows. */
public enum TransactionState {
    /** Done: the broker delivers the half message to consumers. */
    COMMIT,
    /** Undone: the broker discards the half message. */
    ROLLBACK,
    /** Not known yet: the broker asks again later ({@link TransactionChecker}). */
    UNKNOWN
}
