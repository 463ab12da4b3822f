package dev.apogee.client.producer;

/**
 * The result of a transactional send.
 *
 * @param half  what the broker answered to the half message
 * @param state how the local transaction ended (what END_TRANSACTION told the broker)
 */
public record TransactionSendResult(SendResult half, TransactionState state) {
}
