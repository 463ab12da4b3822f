package dev.apogee.anchors;

/** The Apache broker's {@code flushDiskType}: whether a send is answered before or after the fsync. */
public enum FlushMode {
    /** Answered once the message is in the page cache; a flush thread forces the log later. */
    ASYNC_FLUSH,
    /** Answered once the commit log holding the message was forced to disk (group commit). */
    SYNC_FLUSH
}
