package dev.apogee.store.dispatch;

/**
 * Told of every record that reached a consume queue, on the dispatcher thread: implementations must
 * be quick (the broker's long-poll table wakes parked pulls from here).
 */
@FunctionalInterface
public interface DispatchListener {

    /** A record was added to {@code topic}/{@code queueId}; the queue now ends before {@code maxOffset}. */
    void onDispatch(String topic, int queueId, long maxOffset, long tagsCode);
}
