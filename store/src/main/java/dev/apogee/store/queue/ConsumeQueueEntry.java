package dev.apogee.store.queue;

/** One consume-queue entry: where a record is in the commit log, its size, and its tags code. */
public record ConsumeQueueEntry(long physicalOffset, int size, long tagsCode) {
}
