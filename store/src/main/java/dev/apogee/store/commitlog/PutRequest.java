package dev.apogee.store.commitlog;

import dev.apogee.store.PutResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records to append as one run, all to one queue, and the future their result completes.
 *
 * @param records      encoded records, already validated
 * @param topic        the queue's topic
 * @param queueId      the queue
 * @param dispatched   whether the records go to a consume queue (and get queue offsets); false for
 *                     prepared and rolled-back transaction records
 * @param result       completed by the flush agent once the records are durable by the flush mode
 * @param waitForFlush whether SYNC_FLUSH answers only after a force; false (the producer's {@code WAIT=false},
 *                     e.g. a JMS NON_PERSISTENT send) answers once the records are written and published
 */
public record PutRequest(List<byte[]> records, String topic, int queueId, boolean dispatched,
                         CompletableFuture<PutResult> result, boolean waitForFlush) {

    /** A put that waits for the flush mode's durability. */
    public PutRequest(List<byte[]> records, String topic, int queueId, boolean dispatched,
                      CompletableFuture<PutResult> result) {
        this(records, topic, queueId, dispatched, result, true);
    }
}
