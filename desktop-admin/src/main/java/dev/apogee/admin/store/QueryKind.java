package dev.apogee.admin.store;

/** The kinds of message query a user can run (and find again in the history). */
public enum QueryKind {
    /** By business key, within a time range. */
    KEY,
    /** By message id: an offset id or a unique client id. */
    MESSAGE_ID,
    /** Every message stored within a time range. */
    TIME_RANGE
}
