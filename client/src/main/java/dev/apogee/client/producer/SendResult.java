package dev.apogee.client.producer;

import dev.apogee.remoting.protocol.body.MessageQueue;

/**
 * What a broker answered to a send.
 *
 * @param status          how the message was stored
 * @param messageId       the unique client id ({@code UNIQ_KEY}); for a batch, every message's, comma-separated
 * @param offsetMessageId the broker's id of the stored message (store host and commit-log offset); for a
 *                        batch, comma-separated
 * @param queue           topic, broker and queue it was stored in
 * @param queueOffset     its offset in that queue (of the first message, for a batch)
 * @param transactionId   the transaction id the broker assigned (the unique id on Apogee); may be null
 * @param regionId        the broker's region
 * @param traceOn         whether the broker asks for message traces
 */
public record SendResult(SendStatus status, String messageId, String offsetMessageId, MessageQueue queue,
                         long queueOffset, String transactionId, String regionId, boolean traceOn) {
}
