package dev.apogee.store;

/** When a put counts as stored. */
public enum FlushMode {
    /**
     * The put completes once its record is in the commit log's memory-mapped pages. A crash of the
     * process loses nothing (the operating system keeps the pages and writes them back); a crash of
     * the machine may lose what was not yet flushed, which happens on an interval.
     */
    ASYNC_FLUSH,
    /**
     * The put completes only after its record was forced to the device. Concurrent puts share one
     * force (group commit).
     */
    SYNC_FLUSH
}
