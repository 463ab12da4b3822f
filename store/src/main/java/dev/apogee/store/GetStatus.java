package dev.apogee.store;

/**
 * Why a read returned what it did; the names are the ones a pull response carries as its remark.
 */
public enum GetStatus {
    /** At least one message matched. */
    FOUND,
    /** Entries were scanned but none matched the filter; read again from the next offset. */
    NO_MATCHED_MESSAGE,
    /** The consume queue points at a commit-log record that is gone (deleted by retention). */
    MESSAGE_WAS_REMOVING,
    /** The offset is at a gap of the consume queue. */
    OFFSET_FOUND_NULL,
    /** The offset is past the end by more than one. */
    OFFSET_OVERFLOW_BADLY,
    /** The offset is exactly the end: nothing new yet. */
    OFFSET_OVERFLOW_ONE,
    /** The offset is below the first kept entry. */
    OFFSET_TOO_SMALL,
    /** The queue does not exist. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The queue exists but holds nothing. */
    NO_MESSAGE_IN_QUEUE
}
