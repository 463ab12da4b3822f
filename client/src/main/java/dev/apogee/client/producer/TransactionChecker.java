package dev.apogee.client.producer;

import dev.apogee.client.message.MessageView;

/**
 * Answers a broker asking how the transaction of a half message ended (CHECK_TRANSACTION_STATE), for a
 * half message whose local transaction said {@link TransactionState#UNKNOWN}, or whose producer died
 * before it said anything. Runs on the client's broker-request threads: look the outcome up, do not
 * redo the work. An exception counts as UNKNOWN (the broker asks again, up to its limit).
 */
@FunctionalInterface
public interface TransactionChecker {

    /** The outcome of the transaction of {@code half} (its unique id is {@code half.messageId()}). */
    TransactionState check(MessageView half) throws Exception;
}
